from torch.nn import BatchNorm2d
import tensorflow as tf

a = BatchNorm2d(64, 0.1)  # expect: BN304
b = tf.keras.layers.BatchNormalization(epsilon=-1e-3)  # expect: BN304
c = BatchNorm2d(64, 1e-5, 0.1)
