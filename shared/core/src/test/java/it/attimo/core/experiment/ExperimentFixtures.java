package it.attimo.core.experiment;

import it.attimo.core.journey.JourneyCatalog;

/** The seed's tutorial test as the bundled file declares it, with a minimum sample the test chooses. */
final class ExperimentFixtures {
    private ExperimentFixtures() {}

    static ExperimentCatalog tutorialTiming(int minimumSample) {
        return ExperimentCatalogLoader.parse("fixture", """
                {"experiments": [{"id": "tutorial-timing", "journey": "post-purchase", "step": "tutorial",
                  "arms": [{"name": "tutorial-12h", "offset": "PT12H", "weight": 50},
                           {"name": "tutorial-24h", "offset": "PT24H", "weight": 50}],
                  "metric": {"name": "guide-completion-or-support-click",
                    "events": [{"type": "video.watched", "where": {"videoId": {"eq": "guide"}}},
                               {"type": "email.clicked", "where": {"link": {"eq": "support"}}}],
                    "within": "PT72H"},
                  "minimumSample": %d, "alpha": 0.05, "autoPromote": true}]}""".formatted(minimumSample), JourneyCatalog.defaults());
    }
}
