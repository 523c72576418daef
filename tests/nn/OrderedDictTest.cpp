#include <gtest/gtest.h>

#include <string>

#include "ember/ember.h"

namespace {

using ember::OrderedDict;

TEST(OrderedDict, KeepsInsertionOrderAndFindsByKeyAndPosition) {
  OrderedDict<std::string, int> dict("Parameter");
  dict.insert("weight", 1);
  dict.insert("bias", 2);
  dict.insert("alpha", 3);
  EXPECT_EQ(dict.keys(), (std::vector<std::string>{"weight", "bias", "alpha"}));
  EXPECT_EQ(dict["bias"], 2);
  EXPECT_EQ(dict[2].key(), "alpha");
  EXPECT_EQ(*dict[0], 1);
  EXPECT_TRUE(dict.contains("weight"));
  EXPECT_EQ(dict.find("gamma"), nullptr);
  dict.erase("weight");
  EXPECT_EQ(dict.keys(), (std::vector<std::string>{"bias", "alpha"}));
  EXPECT_EQ(dict["alpha"], 3);
  EXPECT_EQ(dict.size(), 2u);
}

TEST(OrderedDict, BadKeysAndIndicesThrowEmberError) {
  OrderedDict<std::string, int> dict("Parameter");
  dict.insert("weight", 1);
  try {
    dict.insert("weight", 2);
    FAIL() << "expected ember::Error";
  } catch (const ember::Error& e) {
    EXPECT_STREQ(e.what(), "Parameter 'weight' already defined");
  }
  EXPECT_THROW(dict["bias"], ember::Error);
  EXPECT_THROW(dict[5], ember::Error);
  EXPECT_THROW(dict.erase("bias"), ember::Error);
  OrderedDict<std::string, int> empty;
  EXPECT_THROW(empty.front(), ember::Error);
}

TEST(Enum, ReductionVariantNamesItsValue) {
  ember::LossReduction reduction = ember::kSum;
  EXPECT_EQ(ember::enumtype::get_enum_name(reduction), "kSum");
  EXPECT_TRUE(std::holds_alternative<ember::enumtype::kSum>(reduction));
}

}  // namespace
