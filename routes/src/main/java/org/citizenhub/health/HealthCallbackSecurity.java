package org.citizenhub.health;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The FHIR server's notifications carry no hub account: it is the shared secret in
 * {@code X-Hub-Token} (a Subscription channel header) that the callback route checks, with 401/403
 * answers. So the callback path gets its own filter chain ahead of the hub's, which would ask for
 * HTTP basic when {@code citizenhub.security.enabled} is on.
 */
@Configuration(proxyBeanMethods = false)
public class HealthCallbackSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain healthCallbackFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(HealthSubscriptions.CALLBACK_PATH, HealthSubscriptions.CALLBACK_PATH + "/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
