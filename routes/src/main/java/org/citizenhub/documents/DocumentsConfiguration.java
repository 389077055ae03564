package org.citizenhub.documents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DocumentsConfiguration {

    @Bean
    SigningKeys documentSigningKeys(DocumentsProperties properties) {
        return SigningKeys.from(properties.signing());
    }
}
