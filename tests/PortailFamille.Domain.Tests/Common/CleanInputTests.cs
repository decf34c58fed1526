using CsCheck;
using PortailFamille.Domain.Common;

namespace PortailFamille.Domain.Tests.Common;

public class CleanInputTests
{
    [Theory]
    [InlineData("Léa", false, "Léa")]
    [InlineData("L\0éa", false, "Léa")]
    [InlineData("Lé\u001b[31ma", false, "Lé[31ma")]
    [InlineData("a\u007fb\u0085c\u0001", false, "abc")]
    [InlineData("École\tJean Moulin", false, "École Jean Moulin")]
    [InlineData("ligne 1\r\nligne 2", false, "ligne 1  ligne 2")]
    [InlineData("ligne 1\r\n\tligne 2\0", true, "ligne 1\r\n\tligne 2")]
    [InlineData("😀 émoji", false, "😀 émoji")]
    [InlineData("", false, "")]
    [InlineData(null, true, null)]
    public void CleanInput_TakesOutControlCharacters_AndKeepsLinesOnlyInAMultiLineField(string? input, bool multiline, string? expected)
    {
        Assert.Equal(expected, Text.CleanInput(input, multiline));
    }

    [Fact]
    public void CleanInput_TakesOutHalfOfABrokenSurrogatePair()
    {
        Assert.Equal("a", Text.CleanInput("a\ud83d", multiline: false));
        Assert.Equal("b", Text.CleanInput("\ude00b", multiline: true));
        Assert.Equal("😀", Text.CleanInput("\ud83d😀\ude00", multiline: false));
    }

    [Fact]
    public void CleanInput_LeavesNoControlCharacterNorBrokenSurrogate_AndChangesNoCleanText()
    {
        Gen.Select(Gen.String, Gen.Bool).Sample((input, multiline) =>
        {
            var clean = Text.CleanInput(input, multiline)!;
            for (var i = 0; i < clean.Length; i++)
            {
                var c = clean[i];
                Assert.False(char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'), $"U+{(int)c:X4} left in « {clean} »");
                if (char.IsHighSurrogate(c))
                {
                    Assert.True(i + 1 < clean.Length && char.IsLowSurrogate(clean[++i]));
                }
                else
                {
                    Assert.False(char.IsLowSurrogate(c));
                }
            }

            Assert.Equal(clean, Text.CleanInput(clean, multiline));
        });
    }
}
