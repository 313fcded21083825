/** The {@code channels} goal's reports: {@code channels.json} for tools, {@code channels.md} for people. */
package io.typedipc.maven.report;
