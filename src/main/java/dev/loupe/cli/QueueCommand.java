package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ReviewStage;
import dev.loupe.core.Task;
import dev.loupe.core.WorkItem;
import dev.loupe.core.Workload;
import dev.loupe.project.Project;
import dev.loupe.project.Workspace;
import dev.loupe.review.WorkQueues;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "queue", mixinStandardHelpOptions = true,
        description = {"A person's open work (images assigned to them, not yet done or judged), next first; with --all, "
                + "everyone's progress."})
final class QueueCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT")
    Path project;

    @Option(names = "--user", paramLabel = "PERSON", description = "Whose work (default: you: on a team project your "
            + "user name on the server).")
    String user;

    @Option(names = "--all", description = "Everyone's share of every piece of work, with what is still open.")
    boolean all;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Project p = CliSupport.open(project)) {
            ProjectStore store = p.store();
            Map<Long, String> tasks = new HashMap<>();
            Map<Long, String> stages = new HashMap<>();
            for (Task t : store.tasks()) {
                tasks.put(t.id(), t.name());
                for (ReviewStage s : store.stages(t.id())) {
                    stages.put(s.id(), s.name());
                }
            }
            ObjectMapper mapper = new ObjectMapper();
            if (all) {
                List<Workload> loads = store.workloads();
                ArrayNode out = mapper.createArrayNode();
                for (Workload w : loads) {
                    ObjectNode n = out.addObject().put("user", w.assignee()).put("task", tasks.get(w.taskId()));
                    n.put("stage", w.stageId() == 0 ? null : stages.get(w.stageId()));
                    n.put("assigned", w.assigned()).put("open", w.open());
                    if (!json) {
                        System.out.printf("%-20s %-16s %-16s %5d assigned, %5d open%n", w.assignee(),
                                tasks.get(w.taskId()), w.stageId() == 0 ? "(annotate)" : stages.get(w.stageId()),
                                w.assigned(), w.open());
                    }
                }
                if (json) {
                    System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
                }
                return 0;
            }
            String person = user != null ? user
                    : store.login().orElseGet(() -> Workspace.fromEnvironment().settings().userName());
            List<WorkItem> open = new WorkQueues(store).queue(person);
            ObjectNode out = mapper.createObjectNode().put("user", person).put("open", open.size());
            ArrayNode items = out.putArray("items");
            Map<Long, String> files = new HashMap<>();
            store.images(open.stream().mapToLong(WorkItem::imageId).toArray())
                    .forEach(i -> files.put(i.id(), i.relativePath()));
            for (WorkItem w : open) {
                ObjectNode n = items.addObject().put("image", w.imageId()).put("file", files.get(w.imageId()));
                n.put("task", tasks.get(w.taskId())).put("work", w.isReview() ? "judge" : "annotate");
                n.put("stage", w.isReview() ? stages.get(w.stageId()) : null);
            }
            if (json) {
                System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            } else if (open.isEmpty()) {
                System.out.println("Nothing open for " + person + ".");
            } else {
                WorkItem next = open.get(0);
                System.out.printf("%d images open for %s; next: %s (%s)%n", open.size(), person,
                        files.get(next.imageId()), describe(next, tasks, stages));
                for (WorkItem w : open) {
                    System.out.printf("  %-8d %-40s %s%n", w.imageId(), files.get(w.imageId()), describe(w, tasks, stages));
                }
            }
        }
        return 0;
    }

    private static String describe(WorkItem w, Map<Long, String> tasks, Map<Long, String> stages) {
        return w.isReview()
                ? "judge in stage '" + stages.get(w.stageId()) + "' of task '" + tasks.get(w.taskId()) + "'"
                : "annotate in task '" + tasks.get(w.taskId()) + "'";
    }
}
