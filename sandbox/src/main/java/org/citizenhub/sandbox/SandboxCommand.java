package org.citizenhub.sandbox;

import java.util.Arrays;

import org.citizenhub.sandbox.agency.AgencyClient;
import org.citizenhub.sandbox.documents.VerifyTokenCommand;
import org.citizenhub.sandbox.synthetic.SyntheticExportCommand;

/**
 * The sandbox's command line: {@code java -jar sandbox/target/citizen-hub-sandbox-<version>-exec.jar <command> ...}.
 * <ul>
 *   <li>{@code export ...} — write the synthetic population's views with ground truth and statistics;</li>
 *   <li>{@code agency-request ...} — act as an agency: send the hub a request over JMS, print the answer;</li>
 *   <li>{@code verify-token --public-key key.pem TOKEN} — check the QR token of a hub PDF offline, as a scanner.</li>
 * </ul>
 */
public final class SandboxCommand {

    private SandboxCommand() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sandbox-cli-logback.xml");
        }
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "export" -> SyntheticExportCommand.main(args);
            case "agency-request" -> AgencyClient.main(Arrays.copyOfRange(args, 1, args.length));
            case "verify-token" -> VerifyTokenCommand.main(Arrays.copyOfRange(args, 1, args.length));
            default -> {
                System.err.println("usage: export [options]"
                        + " | agency-request --agency ID --password P --request JSON [--broker tcp://127.0.0.1:61616]"
                        + " | verify-token --public-key FILE.pem TOKEN");
                System.exit(2);
            }
        }
    }
}
