package dev.pillarboard.catalog.service;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Map;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The {@code pillarboard.dev/*} annotations that carry a product through a Backstage export and
 * re-import hold only values the import would give them, so that the export re-imports exactly:
 * phase and tier travel as annotations only in the file (the product has fields for them), the
 * source kind can only be {@code System} (a component has no kind annotation), the namespace is
 * never {@code default} (the default namespace has no annotation), and neither it nor the type is
 * blank.
 */
@Documented
@Constraint(validatedBy = BackstageAnnotations.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface BackstageAnnotations {

    String PHASE = "pillarboard.dev/phase";
    String TIER = "pillarboard.dev/tier";
    String SOURCE_KIND = "pillarboard.dev/backstage-kind";
    String SOURCE_TYPE = "pillarboard.dev/backstage-type";
    String SOURCE_NAMESPACE = "pillarboard.dev/backstage-namespace";
    /** The team's chat channel, on a Backstage Group. */
    String CHAT = "pillarboard.dev/chat";
    /** The component type the export writes when a product has no type annotation. */
    String DEFAULT_TYPE = "service";

    String message() default "is reserved for the Backstage import";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BackstageAnnotations, Map<String, String>> {
        @Override
        public boolean isValid(Map<String, String> annotations, ConstraintValidatorContext context) {
            if (annotations == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (Map.Entry<String, String> annotation : annotations.entrySet()) {
                String value = annotation.getValue();
                String problem = switch (annotation.getKey()) {
                    case PHASE -> "is not kept: set the product's phase field (the export writes it from there)";
                    case TIER -> "is not kept: set the product's tier field (the export writes it from there)";
                    case SOURCE_KIND -> "System".equals(value) ? null : "can only be 'System' (leave it out for a Component)";
                    case SOURCE_TYPE -> value == null || !value.isBlank() ? null : "must not be blank";
                    case SOURCE_NAMESPACE -> value == null || (!value.isBlank() && !value.equals("default")) ? null
                            : "must name a namespace other than 'default' (leave it out for the default namespace)";
                    default -> null;
                };
                if (problem != null) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate(problem)
                            .addBeanNode().inIterable().atKey(annotation.getKey())
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
