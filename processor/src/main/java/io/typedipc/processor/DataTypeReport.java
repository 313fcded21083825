package io.typedipc.processor;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;

/**
 * Reports what the {@link DataTypes} model found wrong with one parameter or result: at the channel method, with the
 * path from the parameter to the problem ({@code parameter 'job' of run() → `Job.task` has type Runnable, ...}),
 * and at the member itself when its source is part of this compilation. Each named type's problems are reported
 * once per parameter (the first path that reaches them), and once in all at the member, however many channels
 * reach it.
 */
final class DataTypeReport {
    private final DataTypes model;
    private final Diagnostics diagnostics;
    private final Predicate<Element> inThisCompilation;
    /** Member errors already reported (member and text), so a type used by many channels is reported once. */
    private final Set<String> reportedAtMembers;

    DataTypeReport(DataTypes model, Diagnostics diagnostics, Predicate<Element> inThisCompilation,
            Set<String> reportedAtMembers) {
        this.model = model;
        this.diagnostics = diagnostics;
        this.inThisCompilation = inThisCompilation;
        this.reportedAtMembers = reportedAtMembers;
    }

    /** Where one report goes: the element, and the words that say what has the type. */
    record Site(Element element, String prefix) {}

    private record Step(String key, String path) {}

    /** Reports every problem reachable from {@code shape}, the shape of {@code what} ("parameter 'job' of run()"). */
    void report(JsonShape shape, String typeAsWritten, Site site, String what) {
        DataTypeRules.Problem direct = DataTypes.firstProblem(shape);
        if (direct != null) {
            diagnostics.error(direct.tag(), site.element(), site.prefix() + what + " has type " + typeAsWritten
                    + ", which " + direct.reason());
        }
        Set<String> visited = new HashSet<>();
        ArrayDeque<Step> queue = new ArrayDeque<>();
        DataTypes.refsOf(shape, key -> enqueue(queue, visited, key, ""));
        while (!queue.isEmpty()) {
            Step step = queue.poll();
            DataTypeDef def = model.definition(step.key());
            if (def instanceof DataTypeDef.ObjectDef object) {
                String owner = object.element().getSimpleName().toString();
                for (DataTypeDef.Property property : object.properties()) {
                    String member = "`" + owner + "." + property.member().getSimpleName() + "`";
                    DataTypeRules.Problem problem = DataTypes.firstProblem(property.shape());
                    if (problem != null) {
                        String text = member + " has type " + property.javaType() + ", which " + problem.reason();
                        diagnostics.error(problem.tag(), site.element(), site.prefix() + what + " → " + step.path()
                                + text);
                        reportAtMember(problem, property.member(), text);
                    }
                    String path = step.path() + member + " → ";
                    DataTypes.refsOf(property.shape(), key -> enqueue(queue, visited, key, path));
                }
            } else if (def instanceof DataTypeDef.UnionDef union) {
                String owner = union.element().getSimpleName().toString();
                for (DataTypeDef.Variant variant : union.variants()) {
                    String member = "`" + owner + "` variant " + variant.element().getSimpleName();
                    DataTypeRules.Problem problem = DataTypes.firstProblem(variant.shape());
                    if (problem != null) {
                        String text = member + " is " + variant.element().getSimpleName() + ", which "
                                + problem.reason();
                        diagnostics.error(problem.tag(), site.element(), site.prefix() + what + " → " + step.path()
                                + text);
                        reportAtMember(problem, variant.element(), text);
                    }
                    String path = step.path() + member + " → ";
                    DataTypes.refsOf(variant.shape(), key -> enqueue(queue, visited, key, path));
                }
            }
        }
    }

    private static void enqueue(ArrayDeque<Step> queue, Set<String> visited, String key, String path) {
        if (visited.add(key)) {
            queue.add(new Step(key, path));
        }
    }

    private void reportAtMember(DataTypeRules.Problem problem, Element member, String text) {
        if (!inThisCompilation.test(member)) {
            return;
        }
        String identity = member.getEnclosingElement() + "#" + member + ":" + text;
        if (reportedAtMembers.add(identity)) {
            diagnostics.error(problem.tag(), member, text);
        }
    }
}
