package org.citizenhub.school;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.school.GuardianContactField;
import org.citizenhub.connectors.school.GuardianContactPolicy;
import org.citizenhub.connectors.school.GuardianContactUpdate;
import org.citizenhub.connectors.school.SchoolJson;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.contact.ContactChange;
import org.citizenhub.contact.ContactRequest;
import org.citizenhub.contact.ContactTargets;
import org.citizenhub.contact.ContactUpdateOrder;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.springframework.stereotype.Component;

/**
 * The school system as a keeper of guardian contacts: when a guardian's phone or address changes,
 * each of their students' guardian contact gets the new value — the fields
 * {@code citizenhub.school.guardian-contact-fields} allows, nothing else.
 */
@Component
public class SchoolGuardianContacts implements ContactTargets {

    private static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final SchoolProperties properties;
    private final GuardianContactPolicy policy;
    private final HouseholdGuardians guardians;
    private final SchoolUtilityStore store;
    private final SchoolJson json = new SchoolJson(MAX_ANSWER_BYTES);

    public SchoolGuardianContacts(SchoolProperties properties, HouseholdGuardians guardians, SchoolUtilityStore store) {
        this.properties = properties;
        this.policy = new GuardianContactPolicy(properties.guardianContactFields());
        this.guardians = guardians;
        this.store = store;
    }

    @Override
    public boolean serves(SourceSystem system) {
        return system == SourceSystem.SCHOOL;
    }

    /** A student's household may only become known once the population register's record is linked. */
    @Override
    public void refresh(GoldenCitizen golden, Set<CitizenField> changedFields) {
        if (changedFields.contains(CitizenField.HOUSEHOLD) && golden.household() != null) {
            store.refreshStudentHousehold(golden.citizenId(), golden.household().value().householdId());
        }
    }

    @Override
    public List<ContactUpdateOrder> updatesFor(ContactChange change) {
        if (!properties.enabled()) {
            return List.of();
        }
        String phone = allowed(GuardianContactField.PHONE) ? change.phone().map(p -> p.value()).orElse(null) : null;
        String address = allowed(GuardianContactField.ADDRESS) ? change.address().map(a -> a.value()).map(Address::oneLine)
                .orElse(null) : null;
        if (phone == null && address == null) {
            return List.of();
        }
        List<ContactUpdateOrder> orders = new ArrayList<>();
        for (String studentCode : guardians.studentsGuardedBy(change.golden())) {
            String target = new SourceRef(SourceSystem.SCHOOL, studentCode + "/guardian").key();
            orders.add(new ContactUpdateOrder(GuardianContactUpdate.requestIdFor(target, change.changeKey()),
                    SourceSystem.SCHOOL, studentCode, change.citizenId(), change.version(), phone, null, address));
        }
        return orders;
    }

    @Override
    public ContactRequest request(ContactUpdateOrder order) {
        GuardianContactUpdate update = new GuardianContactUpdate(order.requestId(), order.targetCode(), order.phone(),
                order.address());
        byte[] body = json.guardianContactBody(update, policy).orElseThrow(() ->
                new MalformedPayloadException("guardian contact update has no field the school system may receive"));
        return new ContactRequest(properties.baseUrl() + "?throwExceptionOnFailure=false&" + properties.httpOptions(),
                SchoolJson.guardianContactPath(order.targetCode()), SchoolJson.REQUEST_ID_HEADER, order.requestId(), body);
    }

    private boolean allowed(GuardianContactField field) {
        return policy.allowed().contains(field);
    }
}
