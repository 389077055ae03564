package org.citizenhub.sandbox.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.citizenhub.mappings.health.FhirR4;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Answers requests the broken way {@link SimulatorFaults} asks for, before the FHIR server sees them. */
final class FaultInjectionFilter implements Filter {

    private final SimulatorFaults faults;

    FaultInjectionFilter(SimulatorFaults faults) {
        this.faults = faults;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<SimulatorFaults.Fault> fault = faults.next();
        if (fault.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        switch (fault.get()) {
            case SERVER_ERROR -> write(http, 500, "application/fhir+json", FhirR4.encode(outcome()));
            case UNAVAILABLE -> {
                http.setHeader("Retry-After", "1");
                write(http, 503, "text/plain", "Service Unavailable");
            }
            case HTML_PAGE -> write(http, 200, "text/html",
                    "<!DOCTYPE html><html><head><title>Đăng nhập</title></head><body><form>login</form></body></html>");
            case INVALID_JSON -> write(http, 200, "application/fhir+json", "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[{\"res");
            case SLOW -> {
                try {
                    faults.release().await(faults.slowDelay().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                chain.doFilter(request, response);
            }
        }
    }

    private static OperationOutcome outcome() {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.FATAL)
                .setCode(OperationOutcome.IssueType.EXCEPTION).setDiagnostics("simulated internal error");
        return outcome;
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType + ";charset=UTF-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
