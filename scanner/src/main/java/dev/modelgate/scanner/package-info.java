/**
 * Model file scanning: formats recognised by content, findings with severities, no Kubernetes.
 *
 * <p>Entry point: {@link dev.modelgate.scanner.ModelScanner} ({@code scan(Path...)}, {@code
 * scanFile(Path)}, {@code scanSource(String, ByteSource)}), producing {@link
 * dev.modelgate.scanner.ScanReport} / {@link dev.modelgate.scanner.FileReport}; JSON via {@link
 * dev.modelgate.scanner.ReportJson}.
 *
 * <p>Adding a format: implement {@link dev.modelgate.scanner.FormatScanner} (detect by content
 * through {@link dev.modelgate.scanner.Probe}; scan through {@link
 * dev.modelgate.scanner.ByteSource} reading only what matters; report through {@link
 * dev.modelgate.scanner.ScanContext}; nested content via {@code ctx.scanMember}) and add one line
 * to {@link dev.modelgate.scanner.FormatScanners#all()}. Rule ids start with the format id. Bump
 * {@link dev.modelgate.scanner.ModelScanner#VERSION} when what is found changes.
 *
 * <p>Grading: a file that was not fully parsed (malformed, limit hit, I/O error) is at least HIGH;
 * unknown formats are INFO (text) or LOW (binary).
 */
package dev.modelgate.scanner;
