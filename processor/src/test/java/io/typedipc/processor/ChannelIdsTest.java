package io.typedipc.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The id syntax and the method-name-to-action mapping that docs/channels.md documents. */
class ChannelIdsTest {

    @ParameterizedTest
    @CsvSource({
        "queryAssets, query-assets",
        "refresh, refresh",
        "getURL, get-url",
        "parseHTMLPage, parse-html-page",
        "getV2Data, get-v2-data",
        "md5Hash, md5-hash",
        "do_thing, do-thing",
        "URLs, ur-ls",
    })
    void methodNamesBecomeKebabCase(String method, String action) {
        assertEquals(action, ChannelIds.kebabCase(method));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asset-db:query-info", "scene:query-node", "my.pkg:do-thing", "a1.b-2:c3-d"})
    void validFullIds(String id) {
        assertTrue(ChannelIds.isFullId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AssetDb:query", "asset_db:query", "asset-db:", ":query", "a:b:c", "a--b:c", "a:-b",
        "1pkg:a", "pkg:a.b", "pkg :a", "pkg:ünï"})
    void invalidFullIds(String id) {
        assertFalse(ChannelIds.isFullId(id));
    }

    @ParameterizedTest
    @CsvSource({"queryInfo, QUERY_INFO", "getURL, GET_URL", "refresh, REFRESH"})
    void constantNames(String method, String constant) {
        assertEquals(constant, ChannelIds.constantName(method));
    }
}
