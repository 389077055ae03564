package org.citizenhub.school;

import java.io.File;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.springframework.stereotype.Component;

/**
 * Leaves term files in the inbox until the hub can link their students ({@link SchoolIngest#acceptsFiles()});
 * the file consumer looks at them again at its next poll.
 */
@Component("schoolInboxFilter")
public class SchoolInboxFilter implements GenericFileFilter<File> {

    private final SchoolIngest ingest;

    public SchoolInboxFilter(SchoolIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return !file.isDirectory() && ingest.acceptsFiles();
    }
}
