package org.citizenhub.bench;

import java.util.Arrays;

/**
 * Entry point of the benchmark jar: {@code java -jar bench/target/citizen-hub-bench.jar <benchmark> [options]}.
 * Each benchmark prints its figures and the targets they are measured against.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: java -jar bench/target/citizen-hub-bench.jar hub [--citizens N] [--requests N] [--clients N]"
                    + "\n       java -Xmx4g -jar bench/target/citizen-hub-bench.jar febrl ../shared/data/febrl"
                    + "\n       java -Xmx4g -jar bench/target/citizen-hub-bench.jar identity-synthetic [options]"
                    + "\n       java -jar bench/target/citizen-hub-bench.jar health [--people N] [--page-size N]"
                    + "\n       java -jar bench/target/citizen-hub-bench.jar school [--citizens N]"
                    + "\n       java -jar bench/target/citizen-hub-bench.jar utility [--citizens N] [--page-size N]"
                    + "\n       java -jar bench/target/citizen-hub-bench.jar prefill [--citizens N] [--consenting N] [--requests N] [--clients N]"
                    + "\n       java -jar bench/target/citizen-hub-bench.jar audit [--threads N] [--disclosures N] [--jdbc-url URL]"
                    + "\n       java -jar bench/target/citizen-hub-bench.jar audit-verify --jdbc-url URL [--checkpoints DIR] [--public-key FILE]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "hub" -> HubBenchmark.run(BenchOptions.parse(rest));
            case "febrl" -> org.citizenhub.bench.identity.FebrlBenchmark.main(rest);
            case "identity-synthetic" -> org.citizenhub.bench.identity.SyntheticBenchmark.main(rest);
            case "health" -> HealthBenchmark.run(BenchOptions.parse(rest));
            case "school" -> SchoolBenchmark.run(BenchOptions.parse(rest));
            case "utility" -> UtilityBenchmark.run(BenchOptions.parse(rest));
            case "prefill" -> PrefillBenchmark.run(BenchOptions.parse(rest));
            case "audit" -> AuditBenchmark.run(BenchOptions.parse(rest));
            // not a benchmark: the ops command that verifies the access log without the hub (exit code 0/1/2)
            case "audit-verify" -> System.exit(org.citizenhub.connectors.vault.AuditVerifyCommand.run(rest, System.getenv(),
                    System.out, System.err));
            default -> {
                System.out.println("unknown benchmark " + args[0]);
                System.exit(2);
            }
        }
    }
}
