package dev.modelgate.crds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Download progress over the selected files of the resolved commit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Progress {
  private Long bytesDone;
  private Long bytesTotal;

  public Progress() {}

  public Progress(long bytesDone, long bytesTotal) {
    this.bytesDone = bytesDone;
    this.bytesTotal = bytesTotal;
  }

  public Long getBytesDone() {
    return bytesDone;
  }

  public void setBytesDone(Long bytesDone) {
    this.bytesDone = bytesDone;
  }

  public Long getBytesTotal() {
    return bytesTotal;
  }

  public void setBytesTotal(Long bytesTotal) {
    this.bytesTotal = bytesTotal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Progress p
        && Objects.equals(bytesDone, p.bytesDone)
        && Objects.equals(bytesTotal, p.bytesTotal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bytesDone, bytesTotal);
  }
}
