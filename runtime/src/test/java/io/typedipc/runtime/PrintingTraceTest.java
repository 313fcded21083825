package io.typedipc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PrintingTrace}: lines on its own thread, and a slow writer never holds up a connection. */
class PrintingTraceTest {

    @Test
    void writesOneLinePerFrameAndCloseWritesWhatIsQueued() throws Exception {
        StringWriter text = new StringWriter();
        PrintingTrace trace = MessageTrace.printingTo(new PrintWriter(text));
        try (IpcMain main = IpcMain.create(IpcSettings.builder().trace(trace).build());
                IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
            main.handle("p:echo", (event, args) -> args[0]);
            assertEquals("a\nb", panel.sendSync("p:echo", "a\nb"));
        }
        trace.close();
        String[] lines = text.toString().split(System.lineSeparator());
        assertEquals(2, lines.length, text.toString());
        assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} main <- renderer panel#1: request #1 p:echo \\(\\d+ bytes\\) "
                + "\\{.*\"params\":\\[\"a\\\\nb\"\\]\\}"), lines[0]);
        assertTrue(lines[1].contains("main -> renderer panel#1: result #1 p:echo after "), lines[1]);
        assertEquals(0, trace.droppedFrames());
        trace.close(); // twice: nothing
    }

    @Test
    void aWriterThatBlocksLosesLinesNotCallsAndSaysHowManyItLost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StringWriter text = new StringWriter();
        Writer stuck = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                text.write(chars, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        PrintingTrace trace = new PrintingTrace(new PrintWriter(stuck), 4);
        int calls = 50;
        try (IpcMain main = IpcMain.create(IpcSettings.builder().trace(trace).defaultDeadline(Duration.ofSeconds(60)).build());
                IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
            main.handle("p:echo", (event, args) -> args[0]);
            for (int i = 0; i < calls; i++) {
                assertEquals(i, panel.sendSync("p:echo", i)); // all answered while the writer is stuck
            }
        }
        release.countDown();
        trace.close();
        String[] lines = text.toString().split(System.lineSeparator());
        long frameLines = Arrays.stream(lines).filter(l -> l.contains(" main ")).count();
        assertTrue(trace.droppedFrames() > 0);
        assertEquals(2L * calls, frameLines + trace.droppedFrames(), text.toString());
        assertTrue(text.toString().contains("frames not traced: the trace writer fell behind"), text.toString());
    }

    @Test
    void checksItsArguments() {
        assertThrows(NullPointerException.class, () -> MessageTrace.printingTo(null));
        assertThrows(IllegalArgumentException.class, () -> new PrintingTrace(new PrintWriter(new StringWriter()), 0));
        assertThrows(IllegalArgumentException.class, () -> new TraceRecorder(0));
        assertThrows(NullPointerException.class, () -> IpcSettings.builder().trace(null));
    }

    @Test
    void aRecorderKeepsTheLastFramesAndCountsTheRest() throws Exception {
        TraceRecorder recorder = new TraceRecorder(3);
        try (IpcMain main = IpcMain.create(IpcSettings.builder().trace(recorder).build());
                IpcRenderer panel = IpcRenderer.connectInProcess(main, "panel")) {
            main.handle("p:echo", (event, args) -> args[0]);
            panel.sendSync("p:echo", 1);
            panel.sendSync("p:echo", 2);
        }
        assertEquals(3, recorder.frames().size());
        assertEquals(1, recorder.droppedFrames());
        StringWriter text = new StringWriter();
        recorder.writeTo(new PrintWriter(text));
        assertTrue(text.toString().startsWith("... 1 earlier frames not kept (TraceRecorder capacity 3)"), text.toString());
        assertTrue(text.toString().contains("result #2 p:echo"), text.toString());
        recorder.clear();
        assertEquals(0, recorder.frames().size());
    }
}
