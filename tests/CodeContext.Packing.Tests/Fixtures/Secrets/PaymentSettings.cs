namespace Fixture.Payments;

/// <summary>Every value in this file is a FAKE secret for CodeContext's masking tests (EXAMPLE patterns).</summary>
public static class PaymentSettings
{
    public const string AwsAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string AwsConfig = "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string GitHubToken = "ghp_EXAMPLE0EXAMPLE0EXAMPLE0EXAMPLE0EXAM";
    public const string GitHubPat = "github_pat_11EXAMPLE0_EXAMPLEexampleEXAMPLEexampleEXAMPLEexamp";
    public const string GitLabToken = "glpat-EXAMPLEexampleEXAMPL";
    public const string SlackBot = "xoxb-000000000000-EXAMPLEEXAMPLEEXAMPLEEXA";
    public const string SlackHook = "https://hooks.slack.com/services/T00000000/B00000000/EXAMPLEexampleEXAMPLEexa";
    public const string Stripe = "sk_test_EXAMPLE0EXAMPLE0EXAMPLE0";
    public const string Google = "AIzaEXAMPLE-example_EXAMPLE-example_EXA";
    public const string GoogleOAuth = "GOCSPX-EXAMPLEexampleEXAMPLEexample";
    public const string OpenAi = "sk-proj-EXAMPLEexampleEXAMPLEexampleEXAMPLEexampleEXAMPL";
    public const string Anthropic = "sk-ant-api03-EXAMPLEexampleEXAMPLEexampleEXAMPLEexamp";
    public const string HuggingFace = "hf_EXAMPLEexampleEXAMPLEexampleEXAMPL";
    public const string Npm = "npm_EXAMPLEexampleEXAMPLEexampleEXAMPLEe";

    public static decimal Fee(decimal amount) => amount * 0.029m + 0.30m;
}
