package org.citizenhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Citizen Hub: the integration hub joining the citizen vault to the city's and the nation's systems. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CitizenHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(CitizenHubApplication.class, args);
    }
}
