package org.citizenhub.operations;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HTTP security. With {@code citizenhub.security.enabled=false} (development) everything is open.
 * Enabled (production): health stays open for probes; Hawtio, Jolokia and the other actuator endpoints
 * need the OPERATIONS role; the REST API needs the API role. What Jolokia may do once in is limited
 * further by {@code jolokia-access.xml} (see config/).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        if (!properties.enabled()) {
            http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers("/actuator/**").hasRole("OPERATIONS")
                        .requestMatchers("/api/**").hasAnyRole("API", "OPERATIONS")
                        .anyRequest().denyAll())
                .httpBasic(Customizer.withDefaults())
                // Jolokia and the API are called by scripts with basic auth, not by forms.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/jolokia/**", "/api/**"));
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager hubUsers(SecurityProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        if (properties.enabled()) {
            users.add(user(properties.operations(), "OPERATIONS", encoder));
            users.add(user(properties.api(), "API", encoder));
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
}
