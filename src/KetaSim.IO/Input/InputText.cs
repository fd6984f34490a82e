using KetaSim.Biology.Compounds;
using KetaSim.Biology.Inputs;

namespace KetaSim.IO.Input;

/// <summary>A user file read through <see cref="InputFiles"/> (regular file, size limit, recorded), its problems as <see cref="InputException"/>.</summary>
public static class InputText
{
    public static string Read(string path, string what)
    {
        try
        {
            return InputFiles.ReadText(path, path, what);
        }
        catch (ModelDataException e)
        {
            throw new InputException(e.File, e.Line, e.Field, e.Value, e.Problem, "", e);
        }
    }
}
