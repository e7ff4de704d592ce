package io.sparkoperator.api;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.parser.CelStandardMacro;
import java.util.Map;

/**
 * Google's CEL for Java set up like the API server's CEL: the standard macros ({@code all}, {@code exists},
 * {@code exists_one}, {@code map}, {@code filter}, {@code has}) and {@code matches} as an unanchored RE2 search, as
 * in cel-go (dev.cel's default would be a whole-string match). Only the standard library: a rule that needs one of
 * Kubernetes' own libraries (quantity, url, ...) does not compile here and so cannot pass unnoticed.
 */
final class CelEnvironments {
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableRegexPartialMatch(true)
            .comprehensionMaxIterations(100_000)
            .build();

    private CelEnvironments() {
    }

    static Cel withVariables(Map<String, CelType> variables) {
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(OPTIONS);
        variables.forEach(builder::addVar);
        return builder.build();
    }

    /** Type-checks the expression; a compile error names the expression and what CEL found wrong. */
    static CelAbstractSyntaxTree compile(Cel cel, String expression) {
        try {
            return cel.compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new AssertionError("CEL does not compile: " + expression + "\n" + e.getMessage(), e);
        }
    }

    /** The expression as parsed (macros expanded into comprehensions), before any type checking. */
    static CelAbstractSyntaxTree parse(String expression) {
        try {
            return withVariables(Map.of()).parse(expression).getAst();
        } catch (CelValidationException e) {
            throw new AssertionError("CEL does not parse: " + expression + "\n" + e.getMessage(), e);
        }
    }
}
