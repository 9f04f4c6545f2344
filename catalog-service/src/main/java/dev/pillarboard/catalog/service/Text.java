package dev.pillarboard.catalog.service;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.pillarboard.common.PlainText;

/**
 * Text without control characters ({@link PlainText}'s rule): NUL cannot be stored at all, and the
 * others are never meant. {@code multiline} text (descriptions, annotation values) may also hold
 * tabs and line breaks.
 */
@Documented
@Constraint(validatedBy = Text.Validator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Text {

    boolean multiline() default false;

    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Text, String> {
        private boolean multiline;

        @Override
        public void initialize(Text text) {
            multiline = text.multiline();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (PlainText.refusedAt(value, multiline) < 0) {
                return true;
            }
            if (multiline) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(
                        "must not contain control characters other than tab and line breaks").addConstraintViolation();
            }
            return false;
        }
    }
}
