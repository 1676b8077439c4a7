package org.epnsj.domain.cellular;

/**
 * Parameters of the Cellular Potts cell-sorting model (spec D3). Types are 1..types; the medium is id
 * 0 with type 0.
 *
 * @param size the lattice side L (periodic)
 * @param cells the number of cells, a perfect square and a multiple of {@code types}
 * @param cellSide the side of the square each cell starts as
 * @param types the number of cell types
 * @param jSameType contact energy between different cells of the same type
 * @param jDifferentType contact energy between cells of different types
 * @param jCellMedium contact energy between a cell and the medium
 * @param lambdaVolume the volume-constraint strength
 * @param targetVolume the target volume of every cell
 * @param temperature the Metropolis temperature
 * @param relaxationMcs Monte Carlo steps run before the first frame
 * @param mcsPerFrame Monte Carlo steps between frames
 */
public record CpmParameters(int size, int cells, int cellSide, int types, double jSameType, double jDifferentType,
        double jCellMedium, double lambdaVolume, double targetVolume, double temperature, int relaxationMcs,
        int mcsPerFrame) {

    /** Validates the fields. */
    public CpmParameters {
        int side = (int) Math.round(Math.sqrt(cells));
        if (cells < 1 || side * side != cells) {
            throw new IllegalArgumentException("cells must be a perfect square, got " + cells);
        }
        if (types < 1 || cells % types != 0) {
            throw new IllegalArgumentException("cells (" + cells + ") must be a multiple of types (" + types + ")");
        }
        if (side * cellSide > size) {
            throw new IllegalArgumentException("a blob of " + cells + " cells of side " + cellSide
                    + " does not fit a lattice of side " + size);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (relaxationMcs < 0 || mcsPerFrame < 1) {
            throw new IllegalArgumentException("relaxationMcs must be >= 0 and mcsPerFrame >= 1");
        }
    }

    /** Spec D3 with the given lattice side and cell count. */
    public static CpmParameters cellSorting(int size, int cells) {
        return new CpmParameters(size, cells, 5, 4, 2, 11, 16, 2, 25, 10, 20, 10);
    }

    /** The paper-scale preset: L = 100, 64 cells. */
    public static CpmParameters paper() {
        return cellSorting(100, 64);
    }

    /** The CPU preset: L = 32, 16 cells. */
    public static CpmParameters cpu() {
        return cellSorting(32, 16);
    }

    /** The test preset: L = 16, 4 cells. */
    public static CpmParameters tiny() {
        return cellSorting(16, 4);
    }

    /** The contact energy between a site of type {@code a} and one of type {@code b} of another cell. */
    double contact(int a, int b) {
        if (a == 0 && b == 0) {
            return 0;
        }
        if (a == 0 || b == 0) {
            return jCellMedium;
        }
        return a == b ? jSameType : jDifferentType;
    }
}
