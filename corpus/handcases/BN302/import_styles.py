import keras
from keras.layers import *
from tensorflow.keras.layers import BatchNormalization as BN

a = keras.layers.BatchNormalization(momentum=0.1)  # expect: BN302
b = BatchNormalization(momentum=0.01)  # expect: BN302
c = BN(momentum=0.2)  # expect: BN302
d = BN(momentum=0.5)
e = keras.layers.BatchNormalization()
