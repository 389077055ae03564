package org.citizenhub.utility;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.utility.AccountContactUpdate;
import org.citizenhub.connectors.utility.ContactField;
import org.citizenhub.connectors.utility.ContactPolicy;
import org.citizenhub.connectors.utility.UtilityCodec;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.contact.ContactChange;
import org.citizenhub.contact.ContactRequest;
import org.citizenhub.contact.ContactTargets;
import org.citizenhub.contact.ContactUpdateOrder;
import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.ServiceAccount;
import org.springframework.stereotype.Component;

/**
 * The utility providers as keepers of account contacts: when an account holder's phone, e-mail or
 * address changes, each of the holder's accounts gets the new values — the fields the provider's
 * {@code contact-fields} allow, nothing else, and never a value that came from that very account.
 */
@Component
public class UtilityAccountContacts implements ContactTargets {

    private final UtilityProperties properties;
    private final SchoolUtilityStore store;
    private final Map<SourceSystem, UtilityCodec> codecs = new EnumMap<>(SourceSystem.class);
    private final Map<SourceSystem, ContactPolicy> policies = new EnumMap<>(SourceSystem.class);

    public UtilityAccountContacts(UtilityProperties properties, SchoolUtilityStore store) {
        this.properties = properties;
        this.store = store;
        properties.providers().forEach((provider, settings) -> {
            UtilityCodec codec = UtilityCodec.forProvider(provider, properties.maxMessageBytes());
            ContactPolicy policy = new ContactPolicy(provider, settings.contactFields());
            // a field the provider's interface does not have is a configuration error: fail at start-up
            codec.requireCompatible(policy);
            codecs.put(provider, codec);
            policies.put(provider, policy);
        });
    }

    @Override
    public boolean serves(SourceSystem system) {
        return codecs.containsKey(system);
    }

    @Override
    public List<ContactUpdateOrder> updatesFor(ContactChange change) {
        if (!properties.enabled()) {
            return List.of();
        }
        List<ContactUpdateOrder> orders = new ArrayList<>();
        for (ServiceAccount account : store.accountsOf(change.citizenId())) {
            ContactPolicy policy = policies.get(account.provider());
            if (policy == null) {
                continue;
            }
            String phone = allowed(policy, ContactField.PHONE, ContactChange.unlessFrom(change.phone(), account.sourceRef()));
            String email = allowed(policy, ContactField.EMAIL, ContactChange.unlessFrom(change.email(), account.sourceRef()));
            String address = allowed(policy, ContactField.ADDRESS,
                    ContactChange.unlessFrom(change.address(), account.sourceRef()).map(Address::oneLine));
            if (phone == null && email == null && address == null) {
                continue;
            }
            orders.add(new ContactUpdateOrder(AccountContactUpdate.requestIdFor(account.sourceRef().key(), change.changeKey()),
                    account.provider(), account.customerCode(), change.citizenId(), change.version(), phone, email, address));
        }
        return orders;
    }

    @Override
    public ContactRequest request(ContactUpdateOrder order) {
        UtilityCodec codec = codecs.get(order.targetSystem());
        AccountContactUpdate update = new AccountContactUpdate(order.requestId(), order.targetCode(), order.phone(),
                order.email(), order.address());
        byte[] body = codec.contactBody(update, policies.get(order.targetSystem())).orElseThrow(() ->
                new MalformedPayloadException("account contact update has no field " + order.targetSystem() + " may receive"));
        return new ContactRequest(properties.endpoint(order.targetSystem()), codec.contactPath(order.targetCode()),
                codec.requestIdHeader(), order.requestId(), body);
    }

    private static String allowed(ContactPolicy policy, ContactField field, Optional<String> value) {
        return policy.allowed().contains(field) ? value.orElse(null) : null;
    }
}
