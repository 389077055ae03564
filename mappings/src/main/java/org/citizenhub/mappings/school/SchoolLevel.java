package org.citizenhub.mappings.school;

/** The three levels of general education and the grades each teaches. */
public enum SchoolLevel {
    /** Tiểu học: grades 1–5, rated without averages. */
    PRIMARY("Trường Tiểu học ", 1, 5),
    /** Trung học cơ sở: grades 6–9. */
    LOWER_SECONDARY("Trường THCS ", 6, 9),
    /** Trung học phổ thông: grades 10–12. */
    UPPER_SECONDARY("Trường THPT ", 10, 12);

    private final String namePrefix;
    private final int firstGrade;
    private final int lastGrade;

    SchoolLevel(String namePrefix, int firstGrade, int lastGrade) {
        this.namePrefix = namePrefix;
        this.firstGrade = firstGrade;
        this.lastGrade = lastGrade;
    }

    /** How school names of this level begin ("Trường THCS "). */
    public String namePrefix() {
        return namePrefix;
    }

    public boolean teaches(int grade) {
        return grade >= firstGrade && grade <= lastGrade;
    }
}
