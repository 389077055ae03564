package org.citizenhub.population;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.connectors.population.ChangeNotice;
import org.citizenhub.connectors.population.ExtractPage;
import org.citizenhub.connectors.population.PopulationXml;
import org.citizenhub.connectors.vault.VaultChange;
import org.citizenhub.connectors.vault.VaultJson;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.population.PopulationMapper;
import org.citizenhub.mappings.population.PopulationRecord;
import org.apache.camel.ProducerTemplate;
import org.citizenhub.operations.ErrorHandlingProperties;
import org.citizenhub.operations.JobProgress;
import org.citizenhub.operations.Jobs;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * What the population routes do at each step: read the population database's messages, map them,
 * store them in the vault, and keep the sync positions. The routes only wire these steps.
 */
@Component
public class PopulationIngest implements DisposableBean {

    static final String FEED_POSITION = "population.change-feed.sequence";
    static final String LOAD_NEXT_PAGE = "population.initial-load.next-page";
    static final String LOAD_AS_OF = "population.initial-load.as-of-sequence";

    private final PopulationXml xml;
    private final PopulationMapper mapper = new PopulationMapper();
    private final VaultStore vault;
    private final Clock clock;
    private final JobProgress initialLoad;
    private final ProducerTemplate producer;
    private final ErrorHandlingProperties errors;
    private final InitialLoadPipeline pipeline = new InitialLoadPipeline();

    public PopulationIngest(PopulationProperties properties, VaultStore vault, Clock clock, Jobs jobs,
                            ProducerTemplate producer, ErrorHandlingProperties errors) {
        this.xml = new PopulationXml(properties.maxMessageBytes());
        this.vault = vault;
        this.clock = clock;
        this.initialLoad = jobs.job("population-initial-load", "citizens");
        this.producer = producer;
        this.errors = errors;
    }

    @Override
    public void destroy() throws InterruptedException {
        pipeline.close();
    }

    /**
     * What the route needs of a page handed over to the vault: whether to fetch another, and which.
     * A class, not a record, on purpose: Camel keys its bean-expression cache on the body.
     */
    public static final class LoadedPage {
        private final boolean hasMore;
        private final int nextPage;

        LoadedPage(boolean hasMore, int nextPage) {
            this.hasMore = hasMore;
            this.nextPage = nextPage;
        }

        public boolean isHasMore() {
            return hasMore;
        }

        public int getNextPage() {
            return nextPage;
        }
    }

    // ---- initial load

    public boolean initialLoadPending() {
        return vault.watermark(FEED_POSITION).isEmpty();
    }

    public int initialLoadNextPage() {
        pipeline.reset(); // a new attempt: whatever an earlier one left in flight is finished first
        int page = vault.watermark(LOAD_NEXT_PAGE).map(Integer::parseInt).orElse(0);
        initialLoad.start(page == 0 ? "starting" : "resuming at page " + page);
        return page;
    }

    /**
     * Reads and maps one extract page (on the route's thread), then hands it over to be stored and
     * its events published (see {@link InitialLoadPipeline}) while the route fetches the next page.
     * Throws the failure of an earlier page instead, so the route stops and resumes at the next poll
     * from the stored position.
     */
    public LoadedPage loadExtractPage(InputStream body) {
        pipeline.checkFailure();
        ExtractPage page = xml.readExtractPage(body);
        Instant now = clock.instant();
        List<Mapped> mapped = new ArrayList<>(page.records().size());
        for (PopulationRecord record : page.records()) {
            mapped.add(mapper.map(record, now));
        }
        pipeline.submit(() -> storeExtractPage(page, mapped), this::publishChanges);
        return new LoadedPage(page.hasMore(), page.page() + 1);
    }

    /** One vault transaction for the page's records, then its position; the events follow after both. */
    private List<VaultChange> storeExtractPage(ExtractPage page, List<Mapped> mapped) {
        List<VaultChange> changes = vault.upsert(mapped);
        if (page.page() == 0) {
            vault.saveWatermark(LOAD_AS_OF, Long.toString(page.asOfSequence()));
        }
        vault.saveWatermark(LOAD_NEXT_PAGE, Integer.toString(page.page() + 1));
        initialLoad.advance(page.records().size());
        return changes;
    }

    /** Publishes a page's events (one JMS transaction), retried like any step of a polling route. */
    private void publishChanges(List<VaultChange> changes) {
        long delay = errors.redeliveryDelay();
        for (int attempt = 0; ; attempt++) {
            try {
                producer.requestBody("direct:publish-citizen-changes", changes);
                return;
            } catch (RuntimeException e) {
                if (attempt >= errors.maximumRedeliveries()) {
                    throw e;
                }
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the initial load's events", interrupted);
            }
            delay *= 2;
        }
    }

    /** Ends the initial load: from now on the change feed is read from where the extract stood. */
    public void finishInitialLoad() {
        pipeline.finish(); // every page stored and published, or the failure that stopped it
        vault.saveWatermark(FEED_POSITION, vault.watermark(LOAD_AS_OF).orElse("0"));
        initialLoad.finish(vault.citizenCount() + " citizens in the vault");
    }

    // ---- change feed

    public boolean changeFeedReady() {
        return !initialLoadPending();
    }

    public long feedPosition() {
        return vault.watermark(FEED_POSITION).map(Long::parseLong).orElse(0L);
    }

    public List<ChangeNotice> readChangeFeed(InputStream body) {
        return xml.readChangeFeed(body);
    }

    public void saveFeedPosition(List<ChangeNotice> notices) {
        if (!notices.isEmpty()) {
            vault.saveWatermark(FEED_POSITION, Long.toString(notices.get(notices.size() - 1).sequence()));
        }
    }

    public String noticeJson(ChangeNotice notice) {
        return VaultJson.write(notice);
    }

    // ---- applying one change

    public ChangeNotice readNotice(String json) {
        ChangeNotice notice = VaultJson.read(json, ChangeNotice.class);
        if (notice.personalId() == null || notice.type() == null || notice.sequence() <= 0) {
            throw new MalformedPayloadException("change notice lacks sequence, type or personalId");
        }
        return notice;
    }

    public boolean notYetApplied(ChangeNotice notice) {
        return !vault.isApplied(notice.changeKey());
    }

    public String lookupRequest(ChangeNotice notice) {
        return PopulationXml.lookupRequest(notice.personalId());
    }

    /**
     * Applies a change with the registry's current record of the person. A person the registry no
     * longer knows is a malformed change (parked with that reason), never a silent no-op.
     */
    public List<VaultChange> applyChange(ChangeNotice notice, InputStream lookupResponse) {
        Optional<PopulationRecord> record = xml.readLookupResponse(lookupResponse);
        if (record.isEmpty()) {
            throw new MalformedPayloadException("change " + notice.sequence() + " names a person the registry does not know");
        }
        Mapped mapped = mapper.map(record.get(), clock.instant());
        return vault.applyOnce(notice.changeKey(), List.of(mapped)).orElse(List.of());
    }
}
