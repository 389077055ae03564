package org.citizenhub.connectors.utility.simulated;

import org.citizenhub.sandbox.utility.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.connectors.utility.AccountPage;
import org.citizenhub.connectors.utility.UtilityCodec;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.UtilityAccount;
import org.citizenhub.mappings.utility.UtilityAccountMapper;
import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticDataset;
import org.citizenhub.sandbox.synthetic.SyntheticViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utility account sync speed, electricity and water together, on one thread:
 * <ol>
 *   <li>over HTTP: every page fetched from the simulator (same JVM, same cores), parsed, every account mapped;</li>
 *   <li>parse+map only: the same pages from memory, to separate the hub's CPU cost from the transport.</li>
 * </ol>
 * Linking and storing are not part of these figures (they belong to the routes).
 *
 * <pre>{@code
 * ./mvnw -B -ntp -q -pl connectors -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp "connectors/target/test-classes:connectors/target/classes:sandbox/target/classes:$(cat connectors/target/bench.classpath)" \
 *     org.citizenhub.connectors.utility.simulated.UtilitySyncBenchmark [people=200000] [pageSize=500] [rounds=5]
 * }</pre>
 */
public final class UtilitySyncBenchmark {

    private static final List<SourceSystem> PROVIDERS = List.of(SourceSystem.ELECTRICITY, SourceSystem.WATER);

    private UtilitySyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        long t0 = System.nanoTime();
        SyntheticDataset dataset = SyntheticViews.generate(PopulationGenerator.generate(20250701L, people), 20250701L,
                EnumSet.of(SourceSystem.ELECTRICITY, SourceSystem.WATER), Map.of());
        System.out.printf("utility sync benchmark: %,d people → %,d electricity and %,d water accounts, prepared in %.1f s, %d cores%n",
                people, dataset.view(SourceSystem.ELECTRICITY).size(), dataset.view(SourceSystem.WATER).size(),
                (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        UtilityAccountMapper mapper = new UtilityAccountMapper();
        try (UtilitySimulator simulator = UtilitySimulator.of(dataset, 0).start()) {
            List<byte[]> pages = new ArrayList<>();
            List<SourceSystem> pageProvider = new ArrayList<>();
            double[] httpRates = new double[rounds];
            for (int r = -1; r < rounds; r++) {
                pages.clear();
                pageProvider.clear();
                long start = System.nanoTime();
                long accounts = 0;
                for (SourceSystem provider : PROVIDERS) {
                    UtilityCodec codec = UtilityCodec.forProvider(provider, 16 * 1024 * 1024);
                    Optional<String> position = Optional.empty();
                    do {
                        byte[] body = fetch(http, simulator.baseUrl(provider) + codec.accountsPath() + "?" + codec.accountsQuery(position, pageSize));
                        AccountPage page = codec.readAccounts(new ByteArrayInputStream(body));
                        accounts += map(mapper, page);
                        position = page.next();
                        pages.add(body);
                        pageProvider.add(provider);
                    } while (position.isPresent());
                }
                if (r >= 0) {
                    httpRates[r] = accounts / ((System.nanoTime() - start) / 1e9);
                }
            }
            Arrays.sort(httpRates);
            System.out.printf("utility accounts fetched over HTTP+parsed+mapped per second (1 thread, page size %d): median %,.0f, best %,.0f%n",
                    pageSize, httpRates[rounds / 2], httpRates[rounds - 1]);

            double[] cpuRates = new double[rounds];
            for (int r = -2; r < rounds; r++) {
                long start = System.nanoTime();
                long accounts = 0;
                for (int i = 0; i < pages.size(); i++) {
                    UtilityCodec codec = UtilityCodec.forProvider(pageProvider.get(i), 16 * 1024 * 1024);
                    accounts += map(mapper, codec.readAccounts(new ByteArrayInputStream(pages.get(i))));
                }
                if (r >= 0) {
                    cpuRates[r] = accounts / ((System.nanoTime() - start) / 1e9);
                }
            }
            Arrays.sort(cpuRates);
            System.out.printf("utility accounts parsed+mapped per second (1 thread, from memory): median %,.0f, best %,.0f%n",
                    cpuRates[rounds / 2], cpuRates[rounds - 1]);
        }
    }

    private static long map(UtilityAccountMapper mapper, AccountPage page) {
        Instant now = Instant.now();
        for (UtilityAccount account : page.accounts()) {
            mapper.map(account, now);
        }
        return page.accounts().size();
    }

    private static byte[] fetch(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("simulator answered " + response.statusCode());
        }
        return response.body();
    }
}
