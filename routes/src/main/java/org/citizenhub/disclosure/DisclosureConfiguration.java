package org.citizenhub.disclosure;

import java.io.IOException;

import org.citizenhub.mappings.disclosure.Catalogue;
import org.citizenhub.mappings.disclosure.CatalogueReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the procedure catalogue and the agencies file once, at start; a mistake stops the start. */
@Configuration(proxyBeanMethods = false)
public class DisclosureConfiguration {

    @Bean
    Catalogue catalogue(DisclosureProperties properties) throws IOException {
        return CatalogueReader.read(properties.procedures().getInputStream(), properties.procedures().getDescription(),
                properties.agencies().getInputStream(), properties.agencies().getDescription());
    }
}
