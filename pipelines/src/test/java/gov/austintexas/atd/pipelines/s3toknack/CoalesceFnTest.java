package gov.austintexas.atd.pipelines.s3toknack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gov.austintexas.atd.transforms.json.Json;
import gov.austintexas.atd.transforms.json.ObjectNodeCoder;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class CoalesceFnTest {

  private static KV<String, KV<Long, ObjectNode>> row(String key, long position, String json)
      throws Exception {
    return KV.of(key, KV.of(position, (ObjectNode) Json.MAPPER.readTree(json)));
  }

  private static PCollection<String> coalesce(
      TestPipeline pipeline, List<String> columns, List<KV<String, KV<Long, ObjectNode>>> rows) {
    return pipeline
        .apply(
            Create.of(rows)
                .withCoder(
                    KvCoder.of(
                        StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), ObjectNodeCoder.of()))))
        .apply(Combine.perKey(new CoalesceFn(columns)))
        .apply(
            MapElements.into(TypeDescriptors.strings())
                .via(kv -> kv.getKey() + " " + kv.getValue()));
  }

  @Test
  void joinsNonEmptyValuesInFileOrderAndTakesTheRestFromTheFirstRecord(TestPipeline pipeline)
      throws Exception {
    PCollection<String> coalesced =
        coalesce(
            pipeline,
            List.of("FDU"),
            List.of(
                row("T1", 7, "{\"ID\":\"T1\",\"DESC\":\"later\",\"FDU\":\"c\"}"),
                row("T1", 2, "{\"ID\":\"T1\",\"DESC\":\"first\",\"FDU\":\"b\"}"),
                row("T1", 5, "{\"ID\":\"T1\",\"DESC\":\"middle\",\"FDU\":null}"),
                row("T1", 9, "{\"ID\":\"T1\",\"DESC\":\"last\",\"FDU\":\"a\"}"),
                row("T2", 3, "{\"ID\":\"T2\",\"DESC\":\"alone\",\"FDU\":\"x\"}"),
                row("T3", 4, "{\"ID\":\"T3\",\"DESC\":\"none\",\"FDU\":\"\"}")));

    PAssert.that(coalesced)
        .containsInAnyOrder(
            "T1 {\"ID\":\"T1\",\"DESC\":\"first\",\"FDU\":\"b,\\nc,\\na\"}",
            "T2 {\"ID\":\"T2\",\"DESC\":\"alone\",\"FDU\":\"x\"}",
            "T3 {\"ID\":\"T3\",\"DESC\":\"none\",\"FDU\":null}");
    pipeline.run().waitUntilFinish();
  }

  @Test
  void withoutCoalesceColumnsTheFirstRecordOfAKeyWins(TestPipeline pipeline) throws Exception {
    PCollection<String> coalesced =
        coalesce(
            pipeline,
            List.of(),
            List.of(
                row("6007.026", 1, "{\"SP\":\"6007.026\",\"NAME\":\"copy\"}"),
                row("6007.026", 0, "{\"SP\":\"6007.026\",\"NAME\":\"original\"}")));

    PAssert.that(coalesced)
        .containsInAnyOrder("6007.026 {\"SP\":\"6007.026\",\"NAME\":\"original\"}");
    pipeline.run().waitUntilFinish();
  }
}
