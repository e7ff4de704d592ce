/**
 * The operator's configuration: {@link io.sparkoperator.config.OperatorFlags} parses the command line (the Go
 * operator's flag names) into an {@link io.sparkoperator.config.OperatorConfig}, with its value parsers
 * ({@link io.sparkoperator.config.FlagDuration}, {@link io.sparkoperator.config.BindAddress},
 * {@link io.sparkoperator.config.LabelSelectors}); a bad value is a
 * {@link io.sparkoperator.config.ConfigException} naming the flag.
 *
 * <p>May depend on the option types of {@code logging}, {@code metrics}, {@code runtime}, {@code ui}, {@code submit},
 * {@code schedule}, {@code api}, fabric8 and the JDK; nothing but the top level depends on it.
 */
package io.sparkoperator.config;
