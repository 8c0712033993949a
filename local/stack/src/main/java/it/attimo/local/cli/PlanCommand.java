package it.attimo.local.cli;

import it.attimo.core.timing.PlanRequest;
import it.attimo.core.timing.SendPlan;
import it.attimo.core.timing.SendPlanJson;
import it.attimo.core.timing.SendWindowPlanner;
import it.attimo.core.timing.TimingArguments;
import it.attimo.core.timing.profile.CustomerHistory;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attimo plan --comune <code> --channel email|sms|push --earliest <ISO instant> [--deadline <ISO instant>]
 * [--segment b2b|b2c] [--kind transactional|service|survey|marketing] [--journey <name>]
 * [--history events.ndjson --customer <id>] [--json]}.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Plan one send: when, how suitable (0-100) and why, under the Italian calendar and send windows.")
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--comune", description = "ISTAT code (6 digits) or unique comune name; omit if unknown")
    String comune;

    @Option(names = "--province", description = "province sigla when the comune is unknown (e.g. MI)")
    String province;

    @Option(names = "--channel", required = true, description = "email, sms or push")
    String channel;

    @Option(names = "--earliest", required = true, description = "never before this ISO-8601 instant")
    String earliest;

    @Option(names = "--deadline", description = "send before this ISO-8601 instant if possible")
    String deadline;

    @Option(names = "--segment", description = "b2b or b2c (default b2c)")
    String segment;

    @Option(
            names = "--kind",
            description = "transactional, service, survey (timed as service) or marketing (default marketing)")
    String kind;

    @Option(
            names = "--journey",
            description =
                    "journey name of statemachines/journeys.json: its timing rules apply (post-purchase: the December shift)")
    String journey;

    @Option(
            names = "--history",
            description = "events.ndjson (CloudEvents) to learn the customer's temporal profile and past sends from")
    java.nio.file.Path history;

    @Option(names = "--customer", description = "customer id within --history")
    String customer;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        SendPlan plan;
        try {
            SendWindowPlanner planner = SendWindowPlanner.defaults();
            Instant from = TimingArguments.instant("--earliest", earliest);
            Instant until = deadline == null ? null : TimingArguments.instant("--deadline", deadline);
            if (until != null && until.isBefore(from)) {
                throw new IllegalArgumentException("--deadline " + until + " is before --earliest " + from);
            }
            PlanRequest.Builder request = PlanRequest.builder(TimingArguments.channel(channel), from)
                    .deadline(until)
                    .segment(TimingArguments.segment(segment))
                    .kind(TimingArguments.kind(kind))
                    .journey(journey)
                    .timingRules(
                            it.attimo.core.journey.JourneyCatalog.defaults().timingRules(journey))
                    .province(province);
            if (comune != null)
                request.comune(planner.calendar().directory().resolve(comune).istatCode());
            if ((history == null) != (customer == null)) {
                throw new IllegalArgumentException("--history and --customer go together");
            }
            if (history != null) {
                BadInput.requireReadable("--history", history);
                try (java.io.InputStream in =
                        new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(history))) {
                    CustomerHistory h = CustomerHistory.of(in, customer, from);
                    request.prediction(h.prediction()).history(h.sends());
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("--history: cannot read " + history + ": " + e.getMessage());
                }
            }
            plan = planner.plan(request.build());
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e);
        }
        spec.commandLine()
                .getOut()
                .print(json ? SendPlanJson.json(plan) + System.lineSeparator() : SendPlanJson.text(plan));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
