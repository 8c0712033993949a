package it.attimo.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdStartTest {
    @Test
    void onlyPicksCasesByFunctionOrHandler() {
        assertThat(ColdStart.selected(ColdStart.CASES, null)).hasSize(5);
        assertThat(ColdStart.selected(ColdStart.CASES, "insights"))
                .extracting(ColdStart.Case::handlerName)
                .containsExactly("InsightsAppHandler", "RefreshHandler");
        assertThat(ColdStart.selected(ColdStart.CASES, "score, RefreshHandler"))
                .extracting(ColdStart.Case::handlerName)
                .containsExactly("ScoreHandler", "RefreshHandler");
        assertThatThrownBy(() -> ColdStart.selected(ColdStart.CASES, "trays"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void variantsAlternateTheTreeAndItsBaselineWithAndWithoutCds() {
        List<ColdStart.Variant> v = ColdStart.variants(Path.of("/a"), Path.of("/b"), true);
        assertThat(v).extracting(ColdStart.Variant::cds).containsExactly(false, true, false, true);
        assertThat(v)
                .extracting(ColdStart.Variant::home)
                .containsExactly(Path.of("/a"), Path.of("/a"), Path.of("/b"), Path.of("/b"));
        assertThat(ColdStart.variants(Path.of("/a"), null, false)).hasSize(1);
    }

    @Test
    void readsTheLaunchersLineAndTakesMedians() {
        Matcher m = ColdStart.LINE.matcher("COLDSTART init=900 primed=900 firstEventMs=120 firstResponse=1100 "
                + "cpuInit=1500 cpuResponse=1900 output={\"batchItemFailures\":[]}");
        assertThat(m.find()).isTrue();
        assertThat(m.group(5)).isEqualTo("1500");
        assertThat(m.group(7)).isEqualTo("{\"batchItemFailures\":[]}");
        List<ColdStart.Run> runs = List.of(run(300), run(100), run(200));
        assertThat(ColdStart.median(runs, ColdStart.Run::init)).isEqualTo(200);
        assertThat(ColdStart.row(ColdStart.CASES.get(0), 21_400_000, runs, runs, true))
                .startsWith("| score | ScoreHandler | 21.4 | 200 |")
                .endsWith("| 7.5 | yes |");
    }

    @Test
    void theLauncherJarHoldsOnlyTheLauncher(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes/it/attimo/bench/coldstart");
        Files.createDirectories(classes);
        Files.write(classes.resolve("ColdStartLauncher.class"), new byte[] {1});
        Files.write(classes.resolve("ColdStart.class"), new byte[] {2});
        Path jar = ColdStart.launcherJar(dir.resolve("classes"), dir.resolve("l.jar"));
        try (JarFile f = new JarFile(jar.toFile())) {
            assertThat(f.stream().map(e -> e.getName()))
                    .containsExactly("it/attimo/bench/coldstart/ColdStartLauncher.class");
        }
    }

    private static ColdStart.Run run(long v) {
        return new ColdStart.Run(v, v, v, v, v, v, v, 7.5, "ok");
    }
}
