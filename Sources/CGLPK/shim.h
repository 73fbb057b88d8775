#include <glpk.h>
#include <dlfcn.h>

/* GLPK (Debian's libglpk-dev) is loaded when a quote first needs it, not linked: a one-line quote never
   solves an integer program, and linking the library and its own dependencies (GMP, SuiteSparse) would
   slow every start of `quote`. The header gives the types; these are the functions the solver calls,
   each typed by the header's own declaration. */
struct quote_glpk {
    __typeof__(&glp_term_out) term_out;
    __typeof__(&glp_create_prob) create_prob;
    __typeof__(&glp_delete_prob) delete_prob;
    __typeof__(&glp_set_obj_dir) set_obj_dir;
    __typeof__(&glp_add_rows) add_rows;
    __typeof__(&glp_add_cols) add_cols;
    __typeof__(&glp_set_row_bnds) set_row_bnds;
    __typeof__(&glp_set_col_bnds) set_col_bnds;
    __typeof__(&glp_set_obj_coef) set_obj_coef;
    __typeof__(&glp_set_col_kind) set_col_kind;
    __typeof__(&glp_load_matrix) load_matrix;
    __typeof__(&glp_init_iocp) init_iocp;
    __typeof__(&glp_intopt) intopt;
    __typeof__(&glp_mip_status) mip_status;
    __typeof__(&glp_mip_obj_val) mip_obj_val;
    __typeof__(&glp_mip_col_val) mip_col_val;
    __typeof__(&glp_ios_reason) ios_reason;
    __typeof__(&glp_ios_tree_size) ios_tree_size;
    __typeof__(&glp_ios_best_node) ios_best_node;
    __typeof__(&glp_ios_node_bound) ios_node_bound;
    __typeof__(&glp_ios_terminate) ios_terminate;
};

/* Fills `api` from the installed library; 0 when it is not installed or lacks a function. */
static inline int quote_glpk_load(struct quote_glpk *api) {
    void *lib = dlopen("libglpk.so.40", RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libglpk.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return 0;
#define QUOTE_GLPK_SYMBOL(name) \
    if (!(api->name = (__typeof__(api->name))dlsym(lib, "glp_" #name))) return 0;
    QUOTE_GLPK_SYMBOL(term_out)
    QUOTE_GLPK_SYMBOL(create_prob)
    QUOTE_GLPK_SYMBOL(delete_prob)
    QUOTE_GLPK_SYMBOL(set_obj_dir)
    QUOTE_GLPK_SYMBOL(add_rows)
    QUOTE_GLPK_SYMBOL(add_cols)
    QUOTE_GLPK_SYMBOL(set_row_bnds)
    QUOTE_GLPK_SYMBOL(set_col_bnds)
    QUOTE_GLPK_SYMBOL(set_obj_coef)
    QUOTE_GLPK_SYMBOL(set_col_kind)
    QUOTE_GLPK_SYMBOL(load_matrix)
    QUOTE_GLPK_SYMBOL(init_iocp)
    QUOTE_GLPK_SYMBOL(intopt)
    QUOTE_GLPK_SYMBOL(mip_status)
    QUOTE_GLPK_SYMBOL(mip_obj_val)
    QUOTE_GLPK_SYMBOL(mip_col_val)
    QUOTE_GLPK_SYMBOL(ios_reason)
    QUOTE_GLPK_SYMBOL(ios_tree_size)
    QUOTE_GLPK_SYMBOL(ios_best_node)
    QUOTE_GLPK_SYMBOL(ios_node_bound)
    QUOTE_GLPK_SYMBOL(ios_terminate)
#undef QUOTE_GLPK_SYMBOL
    return 1;
}
