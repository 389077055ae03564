package org.citizenhub.sandbox.synthetic;

import java.util.List;
import java.util.Map;

import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.sandbox.synthetic.ViewFields.Utility;

/**
 * Electricity and water accounts: one per household, in the head's name (sometimes still the dead
 * former head's), sometimes a second account of the same holder (a second meter for a shop or a
 * rented floor). Names upper-cased and stripped of diacritics, free-text addresses with the old
 * ward and district, rarely an ID.
 */
final class UtilityView {

    private UtilityView() {
    }

    static List<ViewRecord> build(SourceSystem system, Households households, Mangler mangler) {
        Drafts drafts = new Drafts(system, Utility.CUSTOMER_CODE);
        for (List<Person> members : households.all()) {
            Person holder = holderOf(members);
            if (holder == null || mangler.random().nextDouble() >= coverage(system, holder)) {
                continue;
            }
            Person deceasedFormerHead = deceasedFormerHead(members);
            if (deceasedFormerHead != null && mangler.roll(Corruption.DECEASED_HOLDER)) {
                holder = deceasedFormerHead;
            }
            write(holder, households, mangler, drafts.add(holder.personKey()));
            if (mangler.roll(Corruption.DUPLICATE_RECORD)) {
                write(holder, households, mangler, drafts.add(holder.personKey()));
            }
        }
        String prefix = system == SourceSystem.ELECTRICITY ? "PC05" : system == SourceSystem.WATER ? "DNW" : "MT";
        return drafts.shuffledAndNumbered(system, mangler.random(), n -> prefix + ZeroPadded.of(n, 8));
    }

    /** Piped water reaches most of the urban wards but under half of the rural communes. */
    private static double coverage(SourceSystem system, Person holder) {
        boolean rural = holder.permanentAddress().ward().startsWith("Xã");
        return switch (system) {
            case ELECTRICITY -> 0.97;
            case WATER -> rural ? 0.45 : 0.90;
            default -> rural ? 0.30 : 0.80;
        };
    }

    /** The living head, else the first living adult, else nobody (an empty household has no account). */
    private static Person holderOf(List<Person> members) {
        Person fallback = null;
        for (Person m : members) {
            if (!Households.alive(m)) {
                continue;
            }
            if (m.relationToHead() == Relation.HEAD) {
                return m;
            }
            if (fallback == null && Households.ageAt(m, PopulationGenerator.REFERENCE_DATE) >= 18) {
                fallback = m;
            }
        }
        return fallback;
    }

    /** A dead husband who headed the household before his widow: accounts outlive their holders. */
    private static Person deceasedFormerHead(List<Person> members) {
        for (Person m : members) {
            if (!Households.alive(m) && m.sex() == Sex.MALE
                    && (m.relationToHead() == Relation.HEAD || m.relationToHead() == Relation.SPOUSE)) {
                return m;
            }
        }
        return null;
    }

    private static void write(Person holder, Households households, Mangler mangler, Map<String, String> f) {
        Mangler.WrittenName name = mangler.name(holder.name());
        f.put(Utility.HOLDER_NAME, name.full());
        Mangler.WrittenAddress address = mangler.address(holder.personKey(), holder.permanentAddress());
        // Systems that cannot store diacritics lose them everywhere, not only in the name.
        f.put(Utility.SERVICE_ADDRESS, name.ascii() ? address.stripped().oneLine() : address.oneLine());
        String phone = holder.phone() != null ? holder.phone() : households.householdPhone(holder).orElse(null);
        f.put(Utility.PHONE, mangler.phone(phone));
        f.put(Utility.ID_NUMBER, mangler.personalId(holder.personalId()));
    }
}
