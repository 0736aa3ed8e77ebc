using AcrGuard.Configuration;

namespace AcrGuard.Core.Tests;

public class EnforcementModeNamesTests
{
    [TestCase(EnforcementMode.Enforce, "enforce")]
    [TestCase(EnforcementMode.Audit, "audit")]
    public void Each_mode_is_spelt_as_the_contract_writes_it_and_read_back_from_that_spelling(EnforcementMode mode, string name)
    {
        Assert.That(mode.Name(), Is.EqualTo(name));
        Assert.That(EnforcementModeNames.Parse(name), Is.EqualTo(mode));
    }

    [TestCase("ENFORCE")]
    [TestCase("Audit")]
    [TestCase("warn")]
    [TestCase("")]
    [TestCase(null)]
    public void Anything_else_is_no_mode(string? name)
    {
        Assert.That(EnforcementModeNames.Parse(name), Is.Null);
    }
}
