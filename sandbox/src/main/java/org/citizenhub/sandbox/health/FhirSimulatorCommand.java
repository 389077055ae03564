package org.citizenhub.sandbox.health;

import java.util.concurrent.CountDownLatch;

import org.citizenhub.sandbox.synthetic.PopulationGenerator;
import org.citizenhub.sandbox.synthetic.SyntheticViews;

/**
 * Runs the FHIR simulator on its own, loaded with the synthetic population's health view, until the
 * process is stopped: {@code FhirSimulatorCommand [port=8092] [people=10000] [seed=42]}. The hub's
 * application starts the same simulator in-process; this is for trying a client against it.
 */
public final class FhirSimulatorCommand {

    private FhirSimulatorCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8092;
        int people = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        FhirSimulator simulator = new FhirSimulator()
                .load(HealthViewSeeds.fromDataset(SyntheticViews.generate(PopulationGenerator.generate(seed, people), seed), seed));
        simulator.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "fhir-simulator-shutdown"));
        System.out.println("FHIR R4 simulator at " + simulator.baseUrl() + " (Ctrl-C to stop)");
        new CountDownLatch(1).await();
    }
}
