package dev.project51.frontend.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application that consists of nothing but auto-configuration, like a user's app that
 * only adds the starter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

}
