package org.citizenhub.operations;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.citizenhub.disclosure.DisclosureProperties;
import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP security. Whatever the settings, callers of citizen data authenticate: agencies on
 * {@code /api/agency/**} (role AGENCY, one account per agency of config/agencies.yaml, the same as on
 * the broker) and the portal on {@code /api/portal/**} (role PORTAL). Document verification for QR
 * scanners ({@code /api/verify/**}, {@code /api/documents/signing-key}) is open.
 * With {@code citizenhub.security.enabled=false} (development) the rest is open; enabled (production):
 * health stays open for probes; Hawtio, Jolokia and the other actuator endpoints need the OPERATIONS
 * role; the rest of the REST API needs the API role. What Jolokia may do once in is limited further
 * by {@code jolokia-access.xml} (see config/).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Request attribute holding the authenticated account's name, for routes on other threads. */
    public static final String CALLER_ATTRIBUTE = "citizenhub.caller";

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/api/verify/**", "/api/documents/signing-key").permitAll()
                            .requestMatchers("/api/agency/**").hasRole("AGENCY")
                            .requestMatchers("/api/portal/**").hasRole("PORTAL");
                    if (!properties.enabled()) {
                        auth.anyRequest().permitAll();
                        return;
                    }
                    auth.requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                            .requestMatchers("/actuator/**").hasRole("OPERATIONS")
                            .requestMatchers("/api/**").hasAnyRole("API", "OPERATIONS")
                            .anyRequest().denyAll();
                })
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(new CallerAttribute(), AuthorizationFilter.class)
                // Jolokia and the API are called by scripts with basic auth, not by forms.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/jolokia/**", "/api/**"));
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager hubUsers(SecurityProperties properties, Catalogue catalogue, DisclosureProperties disclosure) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        if (properties.enabled()) {
            users.add(user(properties.operations(), "OPERATIONS", encoder));
            users.add(user(properties.api(), "API", encoder));
        }
        Map<String, String> passwords = disclosure.accounts() == null ? Map.of() : disclosure.accounts();
        for (Agency agency : catalogue.agencies().values()) {
            String password = passwords.get(agency.id());
            if (password == null || password.isBlank()) {
                continue; // no password, no account
            }
            String[] roles = BrokerSecurity.PORTAL.equals(agency.id()) ? new String[] {"AGENCY", "PORTAL"} : new String[] {"AGENCY"};
            users.add(User.withUsername(agency.id()).password(encoder.encode(password)).roles(roles).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(SecurityProperties.Account account, String role, PasswordEncoder encoder) {
        if (account == null || isBlank(account.username()) || isBlank(account.password())) {
            throw new IllegalStateException("citizenhub.security is enabled but the " + role
                    + " account has no username or password: set them in the environment");
        }
        return User.withUsername(account.username()).password(encoder.encode(account.password())).roles(role).build();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Puts the authenticated account's name on the request, where a route on any thread can read it. */
    static final class CallerAttribute extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)) {
                request.setAttribute(CALLER_ATTRIBUTE, authentication.getName());
            }
            chain.doFilter(request, response);
        }
    }
}
