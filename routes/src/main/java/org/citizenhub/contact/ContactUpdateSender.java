package org.citizenhub.contact;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.RefusedRequestException;
import org.citizenhub.connectors.SystemUnavailableException;
import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore.SentContactUpdate;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of sending one queued contact update: skip it when its target already confirmed it (or a
 * later change of the same fields), build the request, judge the answer, record the confirmation.
 * The target deduplicates by the request id too, so an update resent after a crash is applied once.
 */
@Component
public class ContactUpdateSender {

    private static final Logger LOG = LoggerFactory.getLogger(ContactUpdateSender.class);

    private final SchoolUtilityStore store;
    private final List<ContactTargets> targets;

    public ContactUpdateSender(SchoolUtilityStore store, List<ContactTargets> targets) {
        this.store = store;
        this.targets = List.copyOf(targets);
    }

    public ContactUpdateOrder read(String json) {
        ContactUpdateOrder order = VaultJson.read(json, ContactUpdateOrder.class);
        if (order.fields().isEmpty()) {
            throw new MalformedPayloadException("contact update carries no field");
        }
        return order;
    }

    public boolean notYetSent(ContactUpdateOrder order) {
        if (store.isSent(order.requestId())) {
            return false;
        }
        Set<String> later = store.fieldsSentForLaterVersions(order.targetSystem(), order.targetCode(), order.citizenId(),
                order.citizenVersion());
        if (!later.isEmpty() && later.containsAll(order.fields())) {
            LOG.info("Contact update to {} skipped: a later change of the same fields was sent already", order.targetSystem());
            return false;
        }
        return true;
    }

    public ContactRequest request(ContactUpdateOrder order) {
        return targetsOf(order.targetSystem()).request(order);
    }

    public void addRequestId(ContactRequest request, Map<String, Object> headers) {
        headers.put(request.requestIdHeader(), request.requestId());
    }

    /**
     * A 2xx answer is a confirmation; 400/404/409/410/422 a refusal that resending cannot change (parked
     * at once with the reason); anything else a failure of the target (retried, then parked).
     */
    public void checkAnswer(ContactUpdateOrder order, Integer status) {
        int code = status == null ? 0 : status;
        if (code >= 200 && code < 300) {
            return;
        }
        String meaning = switch (code) {
            case 400 -> " (the request was not understood)";
            case 404 -> " (the record is unknown there)";
            case 409 -> " (the request id was already used for another update)";
            case 410 -> " (the record was closed)";
            case 422 -> " (a field is not accepted)";
            default -> null;
        };
        if (meaning != null) {
            throw new RefusedRequestException(order.targetSystem() + " refused the contact update: HTTP " + code + meaning, code);
        }
        throw new SystemUnavailableException(order.targetSystem() + " answered the contact update with HTTP " + code);
    }

    public void confirm(ContactUpdateOrder order, Integer status) {
        store.recordSent(new SentContactUpdate(order.requestId(), order.targetSystem(), order.targetCode(), order.citizenId(),
                order.citizenVersion(), order.fields(), status == null ? 0 : status));
        LOG.debug("Contact update confirmed by {} (fields {})", order.targetSystem(), order.fields());
    }

    private ContactTargets targetsOf(SourceSystem system) {
        return targets.stream().filter(t -> t.serves(system)).findFirst()
                .orElseThrow(() -> new MalformedPayloadException("contact update for " + system
                        + ", which no configured target system serves"));
    }
}
