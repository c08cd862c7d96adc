package dev.modelgate.webhook.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodSpecExtractorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PodSpecExtractor extractor = new PodSpecExtractor(Set.of("modelgate-store"));

  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private List<String> refs(String podSpecJson) throws Exception {
    return refs(podSpecJson, null);
  }

  private List<String> refs(String podSpecJson, String annotationsJson) throws Exception {
    JsonNode spec = JSON.readTree(podSpecJson.replace('\'', '"'));
    JsonNode ann =
        annotationsJson == null ? null : JSON.readTree(annotationsJson.replace('\'', '"'));
    return extractor.extract(spec, ann).stream()
        .map(r -> r.container() + "|" + r.source() + "|" + r.kind() + "|" + r.display())
        .toList();
  }

  @Test
  void vllmServePositionalWithRevisionFlag() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'vllm','image':'vllm/vllm-openai:v0.6.0',"
                    + "'command':['vllm','serve'],'args':['Qwen/Qwen2-0.5B','--revision','v1.0','--port','8000']}]}"))
        .containsExactly("vllm|arg vllm serve|REPO|Qwen/Qwen2-0.5B@v1.0");
  }

  @Test
  void vllmImageEntrypointMakesFirstArgTheModel() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'vllm','image':'docker.io/vllm/vllm-openai:latest',"
                    + "'args':['meta-llama/Llama-3.2-1B','--dtype','half']}]}"))
        .containsExactly("vllm|arg vllm serve|REPO|meta-llama/Llama-3.2-1B");
    // The same args under another image name nothing.
    assertThat(
            refs(
                "{'containers':[{'name':'x','image':'busybox','args':['meta-llama/Llama-3.2-1B']}]}"))
        .isEmpty();
  }

  @Test
  void modelFlagsInBothForms() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'tgi','args':['--model-id=bigscience/bloom-560m','--revision="
                    + SHA
                    + "']},"
                    + "{'name':'api','command':['python','-m','vllm.entrypoints.openai.api_server','--model','org/a']},"
                    + "{'name':'hf','args':['--model_name_or_path','org/b']}]}"))
        .containsExactly(
            "tgi|arg --model-id|REPO|bigscience/bloom-560m@" + SHA,
            "api|arg --model|REPO|org/a",
            "hf|arg --model_name_or_path|REPO|org/b");
  }

  @Test
  void envVarsWithRevisionAndServedNames() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'tgi','env':["
                    + "{'name':'MODEL_ID','value':'gpt2'},{'name':'REVISION','value':'main'},"
                    + "{'name':'MODEL_NAME','value':'my-served-name'},"
                    + "{'name':'HF_TOKEN','valueFrom':{'secretKeyRef':{'name':'hf','key':'token'}}}]},"
                    + "{'name':'b','env':[{'name':'HF_MODEL_ID','value':'org/x'},{'name':'MODEL_NAME','value':'org/y'}]}]}"))
        .containsExactly(
            "tgi|env MODEL_ID|REPO|gpt2@main",
            "b|env HF_MODEL_ID|REPO|org/x",
            "b|env MODEL_NAME|REPO|org/y");
  }

  @Test
  void dollarParenExpansionFromEnv() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':[{'name':'ORG','value':'acme'},"
                    + "{'name':'M','value':'$(ORG)/model'}],"
                    + "'command':['vllm','serve','$(M)'],'args':['--served-model-name','$$(M)']}]}"))
        .containsExactly("c|arg vllm serve|REPO|acme/model");
  }

  @Test
  void shellWrapperIsSplitLikeAShell() throws Exception {
    assertThat(
            refs(
                "{'initContainers':[{'name':'pull','image':'ollama/ollama','command':['/bin/sh','-ec',"
                    + "'ollama serve & sleep 2; ollama pull hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M']}],"
                    + "'containers':[{'name':'srv','env':[{'name':'MODEL','value':'org/from-env'}],"
                    + "'command':['bash','-c','ARGS=\\'--dtype half\\'; exec vllm serve \\\"$MODEL\\\" $ARGS --revision \\\"v2\\\"']}]}"))
        .containsExactly(
            "pull|arg|REPO|bartowski/Llama-3.2-1B-Instruct-GGUF",
            "srv|arg vllm serve|REPO|org/from-env@v2");
  }

  @Test
  void uriForms() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':["
                    + "{'name':'STORAGE_URI','value':'hf://org/one:v1'},"
                    + "{'name':'URL','value':'https://huggingface.co/org/two/resolve/"
                    + SHA
                    + "/model.safetensors'},"
                    + "{'name':'DS','value':'https://huggingface.co/datasets/org/data'},"
                    + "{'name':'TREE','value':'see huggingface.co/org/three/tree/refs%2Fpr%2F4'}]}]}"))
        .containsExactly(
            "c|env STORAGE_URI|REPO|org/one@v1",
            "c|env URL|REPO|org/two@" + SHA,
            "c|env TREE|REPO|org/three@refs/pr/4");
  }

  @Test
  void cacheAndStorePaths() throws Exception {
    assertThat(
            refs(
                "{'volumes':[{'name':'store','persistentVolumeClaim':{'claimName':'modelgate-store'}},"
                    + "{'name':'other','persistentVolumeClaim':{'claimName':'scratch'}}],"
                    + "'containers':[{'name':'c','args':['--model','/models/hub/models--org--cached/snapshots/"
                    + SHA
                    + "'],"
                    + "'volumeMounts':[{'name':'store','mountPath':'/models','subPath':'hub'},"
                    + "{'name':'store','mountPath':'/m2','subPath':'hub/models--org--mounted/snapshots/"
                    + SHA
                    + "'},"
                    + "{'name':'store','mountPath':'/s','subPath':'.staging/org--bad'},"
                    + "{'name':'other','mountPath':'/x','subPath':'anything'}]}]}"))
        .containsExactly(
            "c|arg --model|REPO|org/cached@" + SHA,
            "c|store mount|REPO|org/mounted@" + SHA,
            "c|store mount|STORE_PATH|.staging/org--bad");
  }

  @Test
  void annotationNamesHFModelsAndRepos() throws Exception {
    assertThat(refs("{'containers':[]}", "{'modelgate.dev/models':'smollm, org/x@v2 ,Bad_Name'}"))
        .containsExactly("pod|annotation|HFMODEL|smollm", "pod|annotation|REPO|org/x@v2");
  }

  @Test
  void ephemeralContainersLoraAndSpeculativeConfig() throws Exception {
    assertThat(
            refs(
                "{'ephemeralContainers':[{'name':'debug','args':['--model','org/e']}],"
                    + "'containers':[{'name':'c','args':['--lora-modules','sql=org/sql-lora','chat=./local',"
                    + "'--speculative-config','{\\'model\\': \\'org/draft\\', \\'num_speculative_tokens\\': 5}'],"
                    + "'env':[{'name':'LORA_ADAPTERS','value':'org/l1,org/l2@abc1234'}]}]}"))
        .containsExactly(
            "c|env LORA_ADAPTERS|REPO|org/l1",
            "c|env LORA_ADAPTERS|REPO|org/l2@abc1234",
            "c|arg --lora-modules|REPO|org/sql-lora",
            "c|arg --speculative-config|REPO|org/draft",
            "debug|arg --model|REPO|org/e");
  }

  @Test
  void localPathsAndPlainWordsAreNotModels() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'c','command':['python','serve.py'],"
                    + "'args':['--model','/mnt/models','--tokenizer','./tok','--port','8080'],"
                    + "'env':[{'name':'MODEL_NAME','value':'chat'},{'name':'HF_HOME','value':'/data'}]}]}"))
        .isEmpty();
  }

  @Test
  void postStartHookCounts() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'ollama','lifecycle':{'postStart':{'exec':{'command':"
                    + "['ollama','pull','huggingface.co/org/gguf']}}}}]}"))
        .containsExactly("ollama|postStart arg|REPO|org/gguf");
  }

  @Test
  void hostileInputIsBounded() throws Exception {
    String deep = "x".repeat(200_000);
    assertThat(
            refs(
                "{'containers':[{'name':'c','command':['sh','-c','"
                    + deep
                    + " $("
                    + deep
                    + "'],"
                    + "'args':[1, {'a':2}, null]}]}"))
        .isEmpty();
  }
}
