package org.citizenhub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.citizenhub.connectors.vault.VaultJson;

/** Validates JSON against the contracts in contracts/. */
public final class Schemas {

    private Schemas() {
    }

    public static Set<ValidationMessage> validate(String schemaName, String json) throws Exception {
        return validate(schemaName, VaultJson.mapper().readTree(json));
    }

    public static Set<ValidationMessage> validate(String schemaName, JsonNode node) throws Exception {
        return schema(schemaName).validate(node);
    }

    /** The schema's own examples. */
    public static Iterable<JsonNode> examples(String schemaName) throws Exception {
        return VaultJson.mapper().readTree(Files.readString(Path.of("../contracts", schemaName))).get("examples");
    }

    private static JsonSchema schema(String schemaName) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("../contracts", schemaName)));
    }
}
