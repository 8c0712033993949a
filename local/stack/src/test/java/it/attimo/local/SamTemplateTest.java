package it.attimo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateTest {
    private static final String TEMPLATE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Transform: AWS::Serverless-2016-10-31
      Parameters:
        WelcomeOffset:
          Type: String
          Default: PT0S
        Required:
          Type: String
      Globals:
        Function:
          Architectures: [!Ref AWS::NoValue]
      Resources:
        JourneyFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: it.attimo.function.journey.JourneyHandler
            AutoPublishAlias: live
        Queue:
          Type: AWS::SQS::Queue
        Machine:
          Type: AWS::Serverless::StateMachine
          Properties:
            Name: !Sub ${AWS::StackName}-machine
            DefinitionUri: statemachines/machine.asl.json
            DefinitionSubstitutions:
              ByAlias: !Ref JourneyFunction.Alias
              ByGetAtt: !GetAtt JourneyFunction.Arn
              ByGetAttList: !GetAtt [JourneyFunction, Arn]
              Offset: !Ref WelcomeOffset
              Composed: !Sub "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:x/${WelcomeOffset}"
              WithVars: !Sub ["${Fn}-${Q}", {Fn: !GetAtt JourneyFunction.Arn, Q: literal}]
              LongForm: {"Fn::GetAtt": ["JourneyFunction", "Arn"]}
              Plain: 42
      """;
    private static final String BROKEN = """
        Broken:
          Type: AWS::Serverless::StateMachine
          Properties:
            DefinitionUri: statemachines/broken.asl.json
            DefinitionSubstitutions:
              NeedsValue: !Ref Required
      """;

    @Test
    void resolvesSubstitutionsTheWayCloudFormationWouldForTheLocalAccount() {
        SamTemplate template = SamTemplate.parse(TEMPLATE);
        SamTemplate.StateMachine machine = template.stateMachines().get(0);
        String arn = "arn:aws:lambda:eu-south-1:000000000000:function:JourneyFunction";
        assertThat(machine.logicalId()).isEqualTo("Machine");
        assertThat(machine.definitionUri()).isEqualTo("statemachines/machine.asl.json");
        Map<String, String> subs = machine.substitutions();
        assertThat(subs.get("ByAlias")).isEqualTo(arn);
        assertThat(subs.get("ByGetAtt")).isEqualTo(arn);
        assertThat(subs.get("ByGetAttList")).isEqualTo(arn);
        assertThat(subs.get("LongForm")).isEqualTo(arn);
        assertThat(subs.get("Offset")).isEqualTo("PT0S");
        assertThat(subs.get("Composed")).isEqualTo("arn:aws:states:eu-south-1:000000000000:x/PT0S");
        assertThat(subs.get("WithVars")).isEqualTo(arn + "-literal");
        assertThat(subs.get("Plain")).isEqualTo("42");
    }

    @Test
    void listsFunctionHandlers() {
        SamTemplate template = SamTemplate.parse(TEMPLATE.substring(0, TEMPLATE.indexOf("  Machine:")));
        assertThat(template.functionHandlers())
                .containsExactly(Map.entry("JourneyFunction", "it.attimo.function.journey.JourneyHandler"));
    }

    @Test
    void listsTheHttpApiRoutesOfEveryFunction() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: it.attimo.Api
                      Events:
                        Post:
                          Type: HttpApi
                          Properties: {ApiId: !Ref HttpApi, Method: post, Path: /things}
                        Get:
                          Type: HttpApi
                          Properties: {Method: GET, Path: "/things/{id}"}
                        Daily:
                          Type: ScheduleV2
                          Properties: {ScheduleExpression: "rate(1 day)"}
                  Queue:
                    Type: AWS::SQS::Queue
                """);
        assertThat(template.routes())
                .containsExactly(
                        new SamTemplate.Route("ApiFunction", "Post", "POST", "/things"),
                        new SamTemplate.Route("ApiFunction", "Get", "GET", "/things/{id}"));
        assertThat(template.routes().get(1).routeKey()).isEqualTo("GET /things/{id}");
    }

    @Test
    void aCatchAllRouteIsRefused() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  ApiFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Everything:
                          Type: HttpApi
                """);
        assertThatThrownBy(template::routes).hasMessageContaining("ApiFunction.Everything");
    }

    @Test
    void aParameterWithoutDefaultCannotBeResolvedLocally() {
        SamTemplate template = SamTemplate.parse(TEMPLATE + BROKEN);
        assertThatThrownBy(template::stateMachines)
                .hasMessageContaining("Required")
                .hasMessageContaining("Default");
    }

    @Test
    void mapsLocalFunctionArnsBackToLogicalIds() {
        assertThat(SamTemplate.functionLogicalId(SamTemplate.functionArn("JourneyFunction")))
                .isEqualTo("JourneyFunction");
        assertThat(SamTemplate.functionLogicalId(SamTemplate.functionArn("JourneyFunction") + ":live"))
                .isEqualTo("JourneyFunction");
        assertThat(SamTemplate.functionLogicalId("other")).isEqualTo("other");
    }

    @Test
    void readsTheProjectTemplate() {
        SamTemplate template = SamTemplate.read(LocalStackIT.projectHome().resolve("template.yaml"));
        assertThat(template.stateMachines())
                .extracting(SamTemplate.StateMachine::definitionUri)
                .contains("statemachines/post-purchase.asl.json");
        SamTemplate.StateMachine postPurchase = template.stateMachines().stream()
                .filter(s -> s.definitionUri().endsWith("post-purchase.asl.json"))
                .findFirst()
                .orElseThrow();
        assertThat(postPurchase.substitutions().get("JourneyFunctionArn"))
                .isEqualTo(SamTemplate.functionArn("JourneyFunction"));
        assertThat(template.functionHandlers())
                .containsKeys("IngestFunction", "ScoreFunction", "JourneyFunction", "InsightsFunction");
        for (SamTemplate.Schedule schedule : template.schedules()) {
            ScheduleExpression.parse(schedule.expression(), java.time.ZoneId.of(schedule.timezone()));
            assertThat(template.functionHandlers()).containsKey(schedule.functionLogicalId());
        }
    }

    @Test
    void functionSettingsTakeTheFunctionsOwnValuesOverTheGlobalsOverCloudFormationsDefaults() {
        SamTemplate template = SamTemplate.parse("""
          Parameters:
            Arch:
              Type: String
              Default: arm64
          Globals:
            Function:
              MemorySize: 1024
              Architectures: [!Ref Arch]
          Resources:
            Globals1:
              Type: AWS::Serverless::Function
              Properties: {Handler: a.A}
            Big:
              Type: AWS::Serverless::Function
              Properties: {Handler: b.B, MemorySize: 2048, Architectures: [x86_64]}
            Plain:
              Type: AWS::Lambda::Function
              Properties: {Handler: c.C, MemorySize: !Ref AWS::NoValue}
            Table:
              Type: AWS::DynamoDB::Table
          """);
        assertThat(template.functionSettings())
                .containsOnlyKeys("Globals1", "Big", "Plain")
                .containsEntry("Globals1", new SamTemplate.FunctionSettings("Globals1", 1024, "arm64"))
                .containsEntry("Big", new SamTemplate.FunctionSettings("Big", 2048, "x86_64"))
                // SAM's Globals do not reach a plain AWS::Lambda::Function
                .containsEntry("Plain", new SamTemplate.FunctionSettings("Plain", 128, "x86_64"));
    }

    @Test
    void queueConsumersAreTheEventSourceMappingTargetsAndTheFunctionsWithAnSqsEvent() {
        SamTemplate template = SamTemplate.parse("""
          Resources:
            Score:
              Type: AWS::Serverless::Function
              Properties: {Handler: s.S, AutoPublishAlias: live}
            Other:
              Type: AWS::Serverless::Function
              Properties:
                Handler: o.O
                Events:
                  FromQueue: {Type: SQS, Properties: {Queue: arn}}
            Mapping:
              Type: AWS::Lambda::EventSourceMapping
              Properties: {FunctionName: !Ref Score.Alias, EventSourceArn: arn}
          """);
        assertThat(template.queueConsumers()).containsExactly("Other", "Score");
    }

    @Test
    void theProjectTemplateRunsEveryFunctionOnArm64WithOneGigabyteAndTheScoreFunctionReadsTheQueue() {
        SamTemplate template = SamTemplate.read(LocalStackIT.projectHome().resolve("template.yaml"));
        assertThat(template.functionSettings().values())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.memoryMb()).isEqualTo(1024))
                .allSatisfy(f -> assertThat(f.architecture()).isEqualTo("arm64"));
        assertThat(template.queueConsumers()).containsExactly("ScoreFunction");
    }
}
