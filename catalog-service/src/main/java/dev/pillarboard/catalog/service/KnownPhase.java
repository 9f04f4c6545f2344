package dev.pillarboard.catalog.service;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.pillarboard.catalog.config.CatalogConfig;

/** One of the configured phases ({@code pillarboard.catalog.phases}). */
@Documented
@Constraint(validatedBy = KnownPhase.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface KnownPhase {

    String message() default "unknown phase";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @ApplicationScoped
    class Validator implements ConstraintValidator<KnownPhase, String> {
        // Resolved on first use: Hibernate Validator builds validators before runtime config exists.
        private final Provider<CatalogConfig> config;

        public Validator(Provider<CatalogConfig> config) {
            this.config = config;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            List<String> phases = config.get().phases();
            if (value == null || phases.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("'" + value.replace("{", "").replace("$", "")
                    + "' is not a phase; use one of " + String.join(", ", phases))
                    .addConstraintViolation();
            return false;
        }
    }
}
