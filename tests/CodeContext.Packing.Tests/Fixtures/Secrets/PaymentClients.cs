namespace Fixture.Payments;

/// <summary>Clients configured with FAKE credentials (EXAMPLE patterns, for masking tests).</summary>
public sealed class PaymentClients
{
    private const string PyPi = "pypi-AgEIEXAMPLEexampleEXAMPLEexampleEXAMPLEexampleEXAMPLEexampleEXAM";
    private const string NuGet = "oy2example0example0example0example0example0exa";
    private const string SendGrid = "SG.EXAMPLEexampleEXAMPLEe.EXAMPLEexampleEXAMPLEexampleEXAMPLEexampleE";
    private const string Twilio = "SK0e0e0e0e00e0e0e0e00e0e0e0e00e0e0";
    private const string Mailgun = "key-deadbeefdeadbeefdeadbeefdeadbeef";
    private const string Shopify = "shpat_deadbeefdeadbeefdeadbeefdeadbeef";
    private const string DigitalOcean = "dop_v1_deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
    private const string Storage = "DefaultEndpointsProtocol=https;AccountName=example;AccountKey=EXAMPLEexampleEXAMPLEexampleEXAMPLEexamp==;EndpointSuffix=core.windows.net";
    private const string Sas = "https://example.blob.core.windows.net/c?sv=2020-08-04&sig=EXAMPLEexampleEXAMPLEexampleEX%3D";
    private const string Bus = "Endpoint=sb://example.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=EXAMPLEexampleEXAMPLEexampleEXAM=";
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJFWEFNUExFIn0.EXAMPLEsignatureEXAMPLEs";
    private const string Database = "Server=db.example;Database=shop;User Id=app;Password=EXAMPLE-not-a-real-pw-1;";
    private const string Postgres = "postgres://app:EXAMPLEurlpass@db.example.com/shop";

    private readonly string adminPassword = "EXAMPLE-hunter2-fake";

    private const string SigningKey = @"-----BEGIN RSA PRIVATE KEY-----
EXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEY
EXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEY
EXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEY
EXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEYdataNOTREALEXAMPLEfakeKEY
-----END RSA PRIVATE KEY-----";

    public decimal Charge(decimal amount) => PaymentSettings.Fee(amount) + amount;

    public int KeyLength => SigningKey.Length + adminPassword.Length + PyPi.Length + NuGet.Length + SendGrid.Length + Twilio.Length
        + Mailgun.Length + Shopify.Length + DigitalOcean.Length + Storage.Length + Sas.Length + Bus.Length + Jwt.Length + Database.Length + Postgres.Length;
}
