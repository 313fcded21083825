package io.typedipc.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fuzz tests' seed corpus ({@code DecoderFuzzTestInputs}) run as plain JUnit tests: the same properties as
 * {@link DecoderFuzzTest} in regression mode, without Jazzer, so they hold on every JDK and build tool whether or not
 * Jazzer's JUnit engine runs there.
 */
class CorpusRegressionTest {

    @TestFactory
    Stream<DynamicTest> frameDecoderCorpus() throws Exception {
        return corpus("frameDecoder").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> DecoderProperties.frameDecoder(Files.readAllBytes(file))));
    }

    @TestFactory
    Stream<DynamicTest> messageDecoderCorpus() throws Exception {
        return corpus("messageDecoder").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> DecoderProperties.messageDecoder(Files.readAllBytes(file))));
    }

    static List<Path> corpus(String method) throws URISyntaxException, java.io.IOException {
        URL url = CorpusRegressionTest.class.getResource("DecoderFuzzTestInputs/" + method);
        assertNotNull(url, "the seed corpus of " + method + " is on the test class path");
        Path folder = Path.of(url.toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> list = files.filter(Files::isRegularFile).sorted().toList();
            assertTrue(list.size() >= 10, "the seed corpus of " + method + " has its seeds: " + list);
            return list;
        }
    }
}
