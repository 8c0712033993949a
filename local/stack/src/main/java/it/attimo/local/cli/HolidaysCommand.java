package it.attimo.local.cli;

import it.attimo.core.calendar.CalendarDay;
import it.attimo.core.calendar.CalendarListing;
import it.attimo.core.calendar.ItalianCalendar;
import it.attimo.core.timing.TimingArguments;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attimo holidays --comune <ISTAT code or unique name> --year 2026 [--json]}. */
@Command(
        name = "holidays",
        mixinStandardHelpOptions = true,
        description = "List national holidays, the comune's local day and soft periods of a year (Europe/Rome).")
public final class HolidaysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--comune", required = true, description = "ISTAT code (6 digits) or unique comune name")
    String comune;

    @Option(names = "--year", required = true, description = "calendar year, e.g. 2026")
    String year;

    @Option(names = "--json", description = "print a JSON array of {date, name, scope, source}")
    boolean json;

    @Override
    public Integer call() {
        List<CalendarDay> days;
        try {
            days = ItalianCalendar.bundled().daysOf(TimingArguments.year(year), comune);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e);
        }
        spec.commandLine()
                .getOut()
                .print(json ? CalendarListing.json(days) + System.lineSeparator() : CalendarListing.text(days));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
