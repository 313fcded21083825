package io.typedipc.runtime.reliability;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz tests of the two decoders a peer's bytes reach first: the frame decoder ({@code FrameReader}) and the
 * message decoder ({@code WireFormat.decode} + {@code MethodCodec.readParams}). Without {@code JAZZER_FUZZ} they run
 * in regression mode over the committed seed corpus in {@code src/test/resources/.../DecoderFuzzTestInputs/<method>/}
 * (part of the normal test command); with {@code JAZZER_FUZZ=1} Jazzer mutates inputs for real (docs/reliability.md).
 * The properties checked are in {@link DecoderProperties}, which {@link CorpusRegressionTest} also runs over the same
 * corpus with plain JUnit.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void frameDecoder(byte[] input) throws Exception {
        DecoderProperties.frameDecoder(input);
    }

    @FuzzTest(maxDuration = "30s")
    void messageDecoder(byte[] input) throws Exception {
        DecoderProperties.messageDecoder(input);
    }
}
