package org.citizenhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.citizenhub.connectors.vault.AuditLog;
import org.citizenhub.connectors.vault.ConsentStore;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.disclosure.DisclosureProperties;
import org.citizenhub.health.HealthSync;
import org.citizenhub.mappings.disclosure.DataCategory;
import org.citizenhub.sandbox.synthetic.Population;

/**
 * Pre-fill over JMS with consent and audit on, beside the hub's plain lookup on the same broker:
 * <ol>
 *   <li>plain lookup: {@code hub.agency.citizen-lookup}, the golden record by personal ID, no consent, no audit;</li>
 *   <li>agency lookup: the social-insurance agency asks IDENTITY and ADDRESS for its purpose — consent read and
 *       access-log entry appended on every request;</li>
 *   <li>pre-fill: the portal asks what a driving-licence renewal needs — fields, health-check certificate,
 *       current licence, consent and audit.</li>
 * </ol>
 * Target: consent and audit cost at most 30% of throughput (agency lookup ≥ 0.7 × plain lookup).
 */
final class PrefillBenchmark {

    private PrefillBenchmark() {
    }

    static void run(BenchOptions options) throws Exception {
        int citizens = options.integer("citizens", 20_000);
        int requests = options.integer("requests", 10_000);
        int clients = options.integer("clients", 8);
        int consenting = Math.min(options.integer("consenting", 2_000), citizens);
        String hubPassword = UUID.randomUUID().toString();
        System.out.printf("Citizen Hub pre-fill benchmark: %d citizens (%d consenting), %d requests from %d clients, %d cores%n",
                citizens, consenting, requests, clients, Runtime.getRuntime().availableProcessors());
        try (SliceBenchHub hub = SliceBenchHub.start(citizens,
                "--citizenhub.broker.hub-password=" + hubPassword,
                "--citizenhub.sandbox.fhir-port=" + SliceBenchHub.freePort(),
                "--citizenhub.school.enabled=false",
                "--citizenhub.utility.enabled=false")) {
            hub.awaitPopulation();
            SliceBenchHub.await(java.time.Duration.ofMinutes(30), () -> hub.bean(HealthSync.class).firstSyncDone());

            VaultStore vault = hub.bean(VaultStore.class);
            ConsentStore consents = hub.bean(ConsentStore.class);
            List<String> ids = new ArrayList<>();
            for (var person : hub.bean(Population.class).people()) {
                if (ids.size() == consenting) {
                    break;
                }
                var golden = vault.findByPersonalId(person.personalId());
                if (golden.isEmpty()) {
                    continue;
                }
                String citizenId = golden.get().citizenId();
                consents.grant(citizenId, "portal", "driving-licence-renewal", Set.of(DataCategory.IDENTITY,
                        DataCategory.ADDRESS, DataCategory.CONTACT, DataCategory.HEALTH, DataCategory.DOCUMENTS), "BENCH");
                consents.grant(citizenId, "social-insurance", "social-insurance-eligibility",
                        Set.of(DataCategory.IDENTITY, DataCategory.ADDRESS), "BENCH");
                ids.add(person.personalId());
            }
            Map<String, String> passwords = hub.bean(DisclosureProperties.class).accounts();

            ConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
            RequestReplyLoad.ClientFactory plain = RequestReplyLoad.temporaryReplies(factory, "hub", hubPassword,
                    "hub.agency.citizen-lookup");
            RequestReplyLoad.ClientFactory social = RequestReplyLoad.agencyQueues(factory, "social-insurance",
                    passwords.get("social-insurance"));
            RequestReplyLoad.ClientFactory portal = RequestReplyLoad.agencyQueues(factory, "portal", passwords.get("portal"));
            IntFunction<String> lookupRequest = i -> "{\"personalId\":\"" + id(ids, i) + "\"}";
            IntFunction<String> agencyLookup = i -> VaultJson.write(Map.of("operation", "lookup",
                    "purpose", "social-insurance-eligibility", "personalId", id(ids, i), "categories", List.of("IDENTITY", "ADDRESS")));
            IntFunction<String> prefill = i -> VaultJson.write(Map.of("operation", "prefill",
                    "procedure", "driving-licence-renewal", "personalId", id(ids, i)));
            Predicate<String> found = answer -> answer.contains("\"FOUND\"");
            Predicate<String> ok = answer -> answer.contains("\"status\":\"OK\"") && answer.contains("\"PERSONAL_ID\"");

            int warmUp = Math.min(2_000, requests);
            RequestReplyLoad.measure(plain, lookupRequest, found, warmUp, clients);
            RequestReplyLoad.measure(social, agencyLookup, ok, warmUp, clients);
            RequestReplyLoad.measure(portal, prefill, ok, warmUp, clients);
            long auditBefore = hub.bean(AuditLog.class).verify().checked();
            RequestReplyLoad.Result plainResult = RequestReplyLoad.measure(plain, lookupRequest, found, requests, clients);
            RequestReplyLoad.Result lookupResult = RequestReplyLoad.measure(social, agencyLookup, ok, requests, clients);
            RequestReplyLoad.Result prefillResult = RequestReplyLoad.measure(portal, prefill, ok, requests, clients);
            AuditLog.AuditVerification audit = hub.bean(AuditLog.class).verify();

            RequestReplyLoad.printHeader("request/reply over Artemis (in-VM)");
            RequestReplyLoad.print("plain lookup (no consent, no audit)", plainResult);
            RequestReplyLoad.print("agency lookup (consent + audit)", lookupResult);
            RequestReplyLoad.print("pre-fill, licence renewal (consent + audit)", prefillResult);
            System.out.printf("ratio agency lookup / plain lookup throughput: %.2f (target >= 0.70)%n",
                    lookupResult.perSecond() / plainResult.perSecond());
            System.out.printf("ratio pre-fill / plain lookup throughput: %.2f%n", prefillResult.perSecond() / plainResult.perSecond());
            System.out.printf("access log: %d entries appended during the measured runs, chain %s (%d entries checked)%n",
                    audit.checked() - auditBefore, audit.intact() ? "intact" : "BROKEN at " + audit.firstBadSequence(),
                    audit.checked());
        }
    }

    private static String id(List<String> ids, int i) {
        return ids.get((int) ((i * 7919L) % ids.size()));
    }
}
