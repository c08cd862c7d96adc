package dev.modelgate.webhook.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The container environment as the kubelet builds it ({@code envFrom}, {@code env} overrides,
 * {@code configMapKeyRef}, {@code optional}, {@code $(VAR)}) and what ModelGate makes of values it
 * cannot see.
 */
class KubeletEnvTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PodSpecExtractor extractor = new PodSpecExtractor(Set.of("modelgate-store"));

  private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
  private final List<String> lookups = new ArrayList<>();

  private final ConfigMapView view =
      name -> {
        lookups.add(name);
        return ConfigMapView.of(configMaps).get(name);
      };

  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }

  private List<String> refs(String podSpec) throws Exception {
    return refs(podSpec, view);
  }

  private List<String> refs(String podSpec, ConfigMapView cms) throws Exception {
    return extractor.extract(json(podSpec), null, cms).stream()
        .map(r -> r.container() + "|" + r.source() + "|" + r.kind() + "|" + r.display())
        .toList();
  }

  private Map<String, String> env(String container) throws Exception {
    return ContainerEnv.resolve(json(container), view, 1024).values();
  }

  @Test
  void envFromKeysThenEnvEntriesOverridingThemInOrder() throws Exception {
    configMaps.put("a", Map.of("HF_MODEL_ID", "org/from-a", "X", "a"));
    configMaps.put("b", Map.of("HF_MODEL_ID", "org/from-b"));
    Map<String, String> env =
        env(
            "{'envFrom':[{'configMapRef':{'name':'a'}},{'configMapRef':{'name':'b'}}],"
                + "'env':[{'name':'X','value':'literal'}]}");
    assertThat(env).containsEntry("HF_MODEL_ID", "org/from-b").containsEntry("X", "literal");

    configMaps.put("c", Map.of("HF_MODEL_ID", "org/from-c"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'c'}}],"
                    + "'env':[{'name':'HF_MODEL_ID','value':'org/literal'}]}]}"))
        .containsExactly("c|env HF_MODEL_ID|REPO|org/literal");
    // An env entry without a value clears what envFrom set, as in the kubelet.
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'c'}}],"
                    + "'env':[{'name':'HF_MODEL_ID'}]}]}"))
        .isEmpty();
  }

  @Test
  void prefixIsPrependedToEveryKey() throws Exception {
    configMaps.put("cfg", Map.of("MODEL_ID", "org/prefixed"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'prefix':'HF_','configMapRef':{'name':'cfg'}}]}]}"))
        .containsExactly("c|env HF_MODEL_ID from ConfigMap cfg|REPO|org/prefixed");
    // Without the prefix the same key is MODEL_ID: still a model variable.
    assertThat(refs("{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'cfg'}}]}]}"))
        .containsExactly("c|env MODEL_ID from ConfigMap cfg|REPO|org/prefixed");
    // A prefix that turns the key into something else hides nothing: the value is still scanned.
    configMaps.put("uri", Map.of("ID", "hf://org/uri-model"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'prefix':'MY_','configMapRef':{'name':'uri'}}]}]}"))
        .containsExactly("c|env MY_ID from ConfigMap uri|REPO|org/uri-model");
  }

  @Test
  void keysThatAreNotEnvNamesAreSkippedAsTheKubeletDoes() throws Exception {
    configMaps.put(
        "cfg",
        Map.of("1HF_MODEL_ID", "org/digit", "model.json", "{}", "HF-MODEL.ID", "org/dotted"));
    Map<String, String> env = env("{'envFrom':[{'configMapRef':{'name':'cfg'}}]}");
    assertThat(env).containsOnlyKeys("model.json", "HF-MODEL.ID");
    // With a prefix the combined name is what is checked.
    Map<String, String> prefixed =
        env("{'envFrom':[{'prefix':'P_','configMapRef':{'name':'cfg'}}]}");
    assertThat(prefixed).containsOnlyKeys("P_1HF_MODEL_ID", "P_model.json", "P_HF-MODEL.ID");
  }

  @Test
  void configMapKeyRefAndDollarParenFromAConfigMap() throws Exception {
    configMaps.put("cfg", Map.of("model", "org/bad", "org", "acme"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':[{'name':'HF_MODEL_ID','valueFrom':"
                    + "{'configMapKeyRef':{'name':'cfg','key':'model'}}}]}]}"))
        .containsExactly("c|env HF_MODEL_ID from ConfigMap cfg|REPO|org/bad");
    assertThat(
            refs(
                "{'containers':[{'name':'c','image':'vllm/vllm-openai:v0.6.0',"
                    + "'env':[{'name':'M','valueFrom':{'configMapKeyRef':{'name':'cfg','key':'model'}}}],"
                    + "'args':['--model','$(M)']}]}"))
        .containsExactly("c|arg --model|REPO|org/bad");
    // $(VAR) in env values sees envFrom values and earlier env entries, never later ones.
    assertThat(
            env(
                "{'envFrom':[{'configMapRef':{'name':'cfg'}}],"
                    + "'env':[{'name':'M','value':'$(org)/m-$(N)'},{'name':'N','value':'late'}]}"))
        .containsEntry("M", "acme/m-$(N)");
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'cfg'}}],"
                    + "'command':['vllm','serve','$(org)/served']}]}"))
        .containsExactly("c|arg vllm serve|REPO|acme/served");
  }

  @Test
  void optionalMissingSourcesContributeNothing() throws Exception {
    configMaps.put("cfg", Map.of("other", "x"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'gone','optional':true}}],"
                    + "'env':[{'name':'HF_MODEL_ID','valueFrom':{'configMapKeyRef':"
                    + "{'name':'cfg','key':'model','optional':true}}},"
                    + "{'name':'MODEL_ID','valueFrom':{'configMapKeyRef':"
                    + "{'name':'gone','key':'model','optional':true}}}]}]}"))
        .isEmpty();
    // An optional key that is absent does not clear what envFrom set before it.
    configMaps.put("base", Map.of("HF_MODEL_ID", "org/base"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'base'}}],"
                    + "'env':[{'name':'HF_MODEL_ID','valueFrom':{'configMapKeyRef':"
                    + "{'name':'cfg','key':'model','optional':true}}}]}]}"))
        .containsExactly("c|env HF_MODEL_ID from ConfigMap base|REPO|org/base");
  }

  @Test
  void requiredButMissingConfigMapsAndKeysCannotBeChecked() throws Exception {
    configMaps.put("cfg", Map.of("other", "x"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'gone'}}],"
                    + "'env':[{'name':'HF_MODEL_ID','valueFrom':{'configMapKeyRef':"
                    + "{'name':'cfg','key':'model'}}}]}]}"))
        .containsExactly(
            "c|envFrom ConfigMap gone|UNCHECKABLE|uses ConfigMap gone, which does not exist yet,"
                + " so ModelGate cannot check its model references",
            "c|env HF_MODEL_ID from ConfigMap cfg|UNCHECKABLE|reads key model of ConfigMap cfg,"
                + " which does not exist yet, so ModelGate cannot check it");
  }

  @Test
  void unreadableConfigMapsAreViolationsNeverSilentAllows() throws Exception {
    ConfigMapView broken = name -> new ConfigMapView.Unreadable("API server answered 500");
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'configMapRef':{'name':'cfg','optional':true}}]}]}",
                broken))
        .containsExactly(
            "c|envFrom ConfigMap cfg|UNCHECKABLE|could not read ConfigMap cfg to check its model"
                + " references (API server answered 500)");
    // With no view at all, a pod needing a ConfigMap is never let through unchecked.
    assertThat(
            extractor
                .extract(
                    json(
                        "{'containers':[{'name':'c','env':[{'name':'X','valueFrom':"
                            + "{'configMapKeyRef':{'name':'cfg','key':'k'}}}]}]}"),
                    null)
                .get(0)
                .kind())
        .isEqualTo(ModelReference.Kind.UNCHECKABLE);
  }

  @Test
  void modelVariablesFromSecretsAreUncheckable() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':["
                    + "{'name':'HF_TOKEN','valueFrom':{'secretKeyRef':{'name':'hf','key':'token'}}},"
                    + "{'name':'HF_MODEL_ID','valueFrom':{'secretKeyRef':{'name':'x','key':'m'}}},"
                    + "{'name':'REVISION','valueFrom':{'secretKeyRef':{'name':'x','key':'r'}}}]}]}"))
        .containsExactly(
            "c|env HF_MODEL_ID|UNCHECKABLE|reads HF_MODEL_ID from Secret x, which ModelGate cannot"
                + " check",
            "c|env REVISION|UNCHECKABLE|reads REVISION from Secret x, which ModelGate cannot check");
    // Through $(VAR) on a model flag; a Secret on any other flag is fine.
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':["
                    + "{'name':'M','valueFrom':{'secretKeyRef':{'name':'s','key':'m'}}},"
                    + "{'name':'K','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}}],"
                    + "'args':['--model','$(M)','--api-key','$(K)']}]}"))
        .containsExactly(
            "c|arg --model|UNCHECKABLE|takes its model (arg --model) from Secret s via $(M), which"
                + " ModelGate cannot check");
    // And through a shell script's $VAR.
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':["
                    + "{'name':'M','valueFrom':{'secretKeyRef':{'name':'s','key':'m'}}}],"
                    + "'command':['sh','-c','exec vllm serve \\\"$M\\\" --port 8000']}]}"))
        .containsExactly(
            "c|arg vllm serve|UNCHECKABLE|takes its model (arg vllm serve) from Secret s via $(M),"
                + " which ModelGate cannot check");
    assertThat(lookups).isEmpty();
  }

  @Test
  void eachConfigMapIsLookedUpOncePerWorkload() throws Exception {
    configMaps.put("cfg", Map.of("HF_MODEL_ID", "org/a"));
    WorkloadExtractor workloads = new WorkloadExtractor(extractor);
    JsonNode pod =
        json(
            "{'spec':{'containers':["
                + "{'name':'a','envFrom':[{'configMapRef':{'name':'cfg'}}]},"
                + "{'name':'b','envFrom':[{'configMapRef':{'name':'cfg'}}],'env':[{'name':'X',"
                + "'valueFrom':{'configMapKeyRef':{'name':'cfg','key':'HF_MODEL_ID'}}}]}]}}");
    assertThat(workloads.extract(WorkloadExtractor.WorkloadKind.POD, pod, view)).hasSize(2);
    assertThat(lookups).containsExactly("cfg");
  }

  @Test
  void aPodCannotMakeTheWebhookFetchWithoutBound() throws Exception {
    StringBuilder from = new StringBuilder();
    for (int i = 0; i < PodSpecExtractor.MAX_CONFIG_MAPS + 5; i++) {
      from.append(i == 0 ? "" : ",").append("{'configMapRef':{'name':'cm").append(i).append("'}}");
      configMaps.put("cm" + i, Map.of());
    }
    List<String> found =
        new WorkloadExtractor(extractor)
                .extract(
                    WorkloadExtractor.WorkloadKind.POD,
                    json("{'spec':{'containers':[{'name':'c','envFrom':[" + from + "]}]}}"),
                    view)
                .stream()
                .map(ModelReference::target)
                .toList();
    assertThat(lookups).hasSize(PodSpecExtractor.MAX_CONFIG_MAPS);
    assertThat(found).hasSize(5).allMatch(t -> t.contains("more than 32 ConfigMaps"));
  }

  @Test
  void podFieldsAreUnknownButOnlyCountWhereABareIdCould() throws Exception {
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':["
                    + "{'name':'MODEL_NAME','valueFrom':{'fieldRef':{'fieldPath':'metadata.labels[\\'app\\']'}}},"
                    + "{'name':'POD_IP','valueFrom':{'fieldRef':{'fieldPath':'status.podIP'}}},"
                    + "{'name':'MODEL_ID','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},"
                    + "{'name':'HF_MODEL_ID','valueFrom':{'fieldRef':"
                    + "{'fieldPath':'metadata.annotations[\\'m\\']'}}}],"
                    + "'args':['--host','$(POD_IP)']}]}"))
        .containsExactly(
            "c|env MODEL_ID|UNCHECKABLE|reads MODEL_ID from field metadata.name, which ModelGate"
                + " cannot check",
            "c|env HF_MODEL_ID|UNCHECKABLE|reads HF_MODEL_ID from field"
                + " metadata.annotations[\"m\"], which ModelGate cannot check");
    // An annotation can hold org/name, so MODEL_NAME from one counts.
    assertThat(
            refs(
                "{'containers':[{'name':'c','env':[{'name':'MODEL_NAME','valueFrom':{'fieldRef':"
                    + "{'fieldPath':'metadata.annotations[\\'m\\']'}}}]}]}"))
        .hasSize(1);
  }

  @Test
  void dollarParenOfANameOnlyAnEnvFromSecretCouldDefineIsUncheckable() throws Exception {
    configMaps.put("cfg", Map.of("PORT", "8000"));
    assertThat(
            refs(
                "{'containers':[{'name':'c','image':'vllm/vllm-openai:v0.6.0',"
                    + "'envFrom':[{'configMapRef':{'name':'cfg'}},{'secretRef':{'name':'creds'}},"
                    + "{'prefix':'S_','secretRef':{'name':'other'}}],"
                    + "'env':[{'name':'HF_MODEL_ID','value':'$(REPO)'}],"
                    + "'args':['--model','$(M)','--port','$(PORT)','--api-key','$(KEY)']}]}"))
        .containsExactly(
            "c|env HF_MODEL_ID|UNCHECKABLE|reads HF_MODEL_ID from envFrom Secret creds (if it"
                + " defines REPO), which ModelGate cannot check",
            "c|arg --model|UNCHECKABLE|takes its model (arg --model) from envFrom Secret creds (if"
                + " it defines M) via $(M), which ModelGate cannot check");
    // With the Secret's prefix, only names carrying it could come from there.
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'prefix':'S_','secretRef':{'name':'other'}}],"
                    + "'args':['--model','$(M)','--revision','$(S_REV)']}]}"))
        .isEmpty();
    assertThat(
            refs(
                "{'containers':[{'name':'c','envFrom':[{'prefix':'S_','secretRef':{'name':'other'}}],"
                    + "'args':['--model','$(S_M)']}]}"))
        .containsExactly(
            "c|arg --model|UNCHECKABLE|takes its model (arg --model) from envFrom Secret other (if"
                + " it defines S_M) via $(S_M), which ModelGate cannot check");
  }
}
