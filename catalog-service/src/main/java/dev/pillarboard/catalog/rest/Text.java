package dev.pillarboard.catalog.rest;

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

/**
 * Text without control characters (U+0000-U+001F, U+007F-U+009F): NUL cannot be stored at all,
 * and the others are never meant. {@code multiline} text (descriptions, annotation values) may
 * also hold tabs and line breaks.
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
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isISOControl(c) && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) {
                    if (multiline) {
                        context.disableDefaultConstraintViolation();
                        context.buildConstraintViolationWithTemplate(
                                "must not contain control characters other than tab and line breaks").addConstraintViolation();
                    }
                    return false;
                }
            }
            return true;
        }
    }
}
