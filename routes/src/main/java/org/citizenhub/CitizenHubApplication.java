package org.citizenhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CitizenHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(CitizenHubApplication.class, args);
    }
}
